/**
 * Stage "reserve" and its rollback (SPEC §2 steps 7 and 8): every limit of the call is reserved in
 * one atomic statement, all or none (toolgate_reserve), and the same statement commits the call's
 * row (lib/db/proxy-calls.ts reserveAndRecordCall). A failed reservation becomes a rate_limited
 * denial naming the limit and its reset time. A counter store that cannot be reached throws: the
 * caller fails closed.
 */
import type { CallRowInput } from "@/lib/db/proxy-calls";
import { reserveAndRecordCall } from "@/lib/db/proxy-calls";
import { releaseCounters } from "@/lib/db/quota-counters";
import { rateLimitedDecision } from "@/lib/policy/evaluate";
import type { Decision, LimitReservation } from "@/lib/policy/types";

export class CountersUnavailableError extends Error {}

export type ReserveOutcome = { decision: Decision; rowId: bigint };

/** Two limits naming one counter are one key: amounts add up and the tighter maximum wins. */
function mergeByKey(reservations: readonly LimitReservation[]) {
  const byKey = new Map<string, number>();
  const merged: Array<{ key: string; amount: number; max: number; windowEnd: Date; first: LimitReservation }> = [];
  for (const reservation of reservations) {
    const index = byKey.get(reservation.key);
    if (index === undefined) {
      byKey.set(reservation.key, merged.length);
      merged.push({ key: reservation.key, amount: reservation.amount, max: reservation.max, windowEnd: reservation.windowEnd, first: reservation });
    } else {
      const entry = merged[index] as (typeof merged)[number];
      entry.amount += reservation.amount;
      entry.max = Math.min(entry.max, reservation.max);
    }
  }
  return merged;
}

export async function reserveLimitsAndRecord({ decision, row, now }: { decision: Decision; row: CallRowInput; now: Date }): Promise<ReserveOutcome> {
  const merged = mergeByKey(decision.reservations);
  const denials = merged.map((entry) => rateLimitedDecision(entry.first, now));
  let result: Awaited<ReturnType<typeof reserveAndRecordCall>>;
  try {
    result = await reserveAndRecordCall({
      orgId: row.orgId,
      keys: merged.map((entry) => entry.key),
      amounts: merged.map((entry) => entry.amount),
      maxes: merged.map((entry) => entry.max),
      windowEnds: merged.map((entry) => entry.windowEnd),
      row,
      deniedRules: denials.map((denial) => denial.rule),
      deniedMessages: denials.map((denial) => denial.message ?? ""),
    });
  } catch {
    throw new CountersUnavailableError("the rate-limit counters could not be read");
  }
  return { decision: result.allowed ? decision : (denials[result.failedIndex] as Decision), rowId: result.id };
}

/** Gives a reservation back after an upstream failure. Errors are swallowed: the window expires anyway. */
export async function releaseLimits(reservations: readonly LimitReservation[]): Promise<void> {
  if (reservations.length === 0) return;
  await releaseCounters({ reservations: reservations.map((r) => ({ key: r.key, amount: r.amount })) }).catch(() => {});
}
