/**
 * `lastUsedAt` is kept coarsely (SPEC §1): at most one write per grant per minute per instance,
 * fire and forget, so the hot path never waits on it and the grants table is not rewritten per call.
 */
import { touchGrantLastUsed } from "@/lib/db/proxy-store";

export function createLastUsedTracker(intervalMs = 60_000, maxGrants = 50_000) {
  const lastWrites = new Map<string, number>();
  return (grant: { id: string; orgId: string }, at: Date): void => {
    const previous = lastWrites.get(grant.id);
    if (previous !== undefined && at.getTime() - previous < intervalMs) return;
    if (lastWrites.size >= maxGrants) lastWrites.clear();
    lastWrites.set(grant.id, at.getTime());
    void touchGrantLastUsed({ orgId: grant.orgId, grantId: grant.id, at }).catch(() => {});
  };
}
