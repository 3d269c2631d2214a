import "server-only";
/**
 * Rate-limit and quota counters (the proxy's policy limits, sign-in and API throttles) are one row
 * per key and window; a window that has ended is never counted again. They are deleted an hour
 * after their window ends, so an instance whose clock runs a little behind cannot recreate a window
 * the others consider over and count it from zero.
 */
import { deleteInBatches, type SweepContext, type SweepResult } from "./sweep";

const ENDED_WINDOW_GRACE_MS = 60 * 60 * 1000;

export function sweepEndedQuotaCounters(context: SweepContext): Promise<SweepResult> {
  const before = new Date(context.now.getTime() - ENDED_WINDOW_GRACE_MS);
  return deleteInBatches((limit) => context.store.deleteQuotaCountersEndedBefore({ before, limit }), context);
}
