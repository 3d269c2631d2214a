import "server-only";
/**
 * Authentication failures at the proxy (SecurityEvent) come from anyone who can reach it, so the
 * table must not grow without bound. They are kept for 90 days, the default call-log retention:
 * long enough to investigate, and an unauthenticated caller cannot make an organisation keep more.
 */
import { deleteInBatches, type SweepContext, type SweepResult } from "./sweep";

const KEEP_MS = 90 * 24 * 60 * 60 * 1000;

export function sweepOldSecurityEvents(context: SweepContext): Promise<SweepResult> {
  const before = new Date(context.now.getTime() - KEEP_MS);
  return deleteInBatches((limit) => context.store.deleteSecurityEventsBefore({ before, limit }), context);
}
