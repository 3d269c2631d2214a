import "server-only";
/**
 * Fixed-window counters in Postgres. One statement reserves every limit of a call atomically, all
 * or none (prisma/migrations/*_quota_functions). A failure to reach the database throws: callers
 * treat that as a denial (fail closed), unlike the anchors whose limiters fail open.
 */
import { getBackend, getDb, type HotStatement } from "./client";

export type CounterReservation = { key: string; amount: number; max: number; windowEnd: Date };
export type ReserveResult = { allowed: true; counts: number[] } | { allowed: false; failedIndex: number };

/** Duplicate keys (one counter named by two limits) are merged: amounts add, the tighter max wins. */
function mergeDuplicates(reservations: CounterReservation[]): { merged: CounterReservation[]; indexOf: number[] } {
  const byKey = new Map<string, number>();
  const merged: CounterReservation[] = [];
  const indexOf = reservations.map((reservation) => {
    const existing = byKey.get(reservation.key);
    if (existing === undefined) {
      byKey.set(reservation.key, merged.length);
      merged.push({ ...reservation });
      return merged.length - 1;
    }
    const target = merged[existing] as CounterReservation;
    target.amount += reservation.amount;
    target.max = Math.min(target.max, reservation.max);
    return existing;
  });
  return { merged, indexOf };
}

export async function reserveCounters({ orgId, reservations }: { orgId: string | null; reservations: CounterReservation[] }): Promise<ReserveResult> {
  if (reservations.length === 0) return { allowed: true, counts: [] };
  const { merged, indexOf } = mergeDuplicates(reservations);
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<Array<{ allowed: boolean; failed_index: number; counts: bigint[] | null }>>(
    "SELECT allowed, failed_index, counts FROM toolgate_reserve($1::text[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::text)",
    merged.map((r) => r.key),
    merged.map((r) => r.amount),
    merged.map((r) => r.max),
    merged.map((r) => r.windowEnd),
    orgId,
  );
  const row = rows[0];
  if (!row) throw new Error("Quota reservation returned no row.");
  if (!row.allowed) {
    const failedIndex = indexOf.indexOf(row.failed_index);
    return { allowed: false, failedIndex: failedIndex === -1 ? 0 : failedIndex };
  }
  const counts = (row.counts ?? []).map(Number);
  return { allowed: true, counts: indexOf.map((index) => counts[index] ?? 0) };
}

const RELEASE: HotStatement = { name: "toolgate_release", text: "SELECT toolgate_release($1::text[], $2::bigint[])" };

export async function releaseCounters({ reservations }: { reservations: Array<{ key: string; amount: number }> }): Promise<void> {
  if (reservations.length === 0) return;
  const { query } = await getBackend();
  await query(RELEASE, [reservations.map((r) => r.key), reservations.map((r) => r.amount)]);
}
