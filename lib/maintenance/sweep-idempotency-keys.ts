import "server-only";
/**
 * Stored /api/v1 responses are replayed for a day (lib/db/idempotency-keys.ts); after that they are
 * never read again except to be replaced, so they are deleted. The TTL is the same for every
 * organisation, so one statement over the `idempotency_key_by_time` index serves all of them.
 */
import { IDEMPOTENCY_TTL_MS } from "@/lib/db/idempotency-keys";
import { deleteInBatches, type SweepContext, type SweepResult } from "./sweep";

export function sweepExpiredIdempotencyKeys(context: SweepContext): Promise<SweepResult> {
  const before = new Date(context.now.getTime() - IDEMPOTENCY_TTL_MS);
  return deleteInBatches((limit) => context.store.deleteIdempotencyKeysBefore({ before, limit }), context);
}
