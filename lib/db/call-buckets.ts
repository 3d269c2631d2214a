import "server-only";
import { AppError } from "@/lib/errors";
/**
 * Calls per time bucket and decision, for the explorer's chart and the overview. One grouped query
 * on the organisation's rows in the range (served by `call_by_org_time`); the counting happens in
 * PostgreSQL so a busy day never reaches the app as rows.
 */
import type { CallDecisionValue } from "@/lib/validation/calls";
import { getDb } from "./client";
import { Prisma } from "./generated/client";

export type CallBucket = { start: Date; counts: Record<CallDecisionValue, number>; total: number };

const MAX_BUCKETS = 2000;

const EMPTY_COUNTS = (): Record<CallDecisionValue, number> => ({ allowed: 0, denied: 0, hidden: 0, pending: 0, error: 0, forwarded: 0 });

/**
 * Calls per time bucket and decision, for the chart. Buckets are aligned to the epoch, and empty
 * buckets in the range are returned with zero counts so the chart's x axis is continuous.
 * Timestamps are stored without a zone (UTC); the bounds are cast the same way.
 */
export async function countCallsByBucket({
  orgId,
  from,
  to,
  bucketSeconds,
  serverId,
}: {
  orgId: string;
  from: Date;
  to: Date;
  bucketSeconds: number;
  serverId?: string;
}): Promise<CallBucket[]> {
  const size = Math.max(1, Math.floor(bucketSeconds));
  // The empty buckets are built in memory, so their number is bounded whatever the caller asks for.
  if ((to.getTime() - from.getTime()) / 1000 / size > MAX_BUCKETS)
    throw new AppError("bad_request", `Choose a larger bucket: at most ${MAX_BUCKETS} buckets per chart.`);
  const db = await getDb();
  const serverFilter = serverId ? Prisma.sql`AND "serverId" = ${serverId}` : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ bucket: bigint | number; decision: string; count: bigint | number }>>`
    SELECT (floor(extract(epoch FROM "createdAt") / ${size}::int) * ${size}::int)::bigint AS bucket,
           "decision"::text AS decision,
           count(*)::bigint AS count
      FROM "Call"
     WHERE "orgId" = ${orgId}
       AND "createdAt" >= ${from.toISOString()}::timestamp
       AND "createdAt" < ${to.toISOString()}::timestamp
       ${serverFilter}
     GROUP BY 1, 2
     ORDER BY 1`;
  const byStart = new Map<number, CallBucket>();
  const first = Math.floor(from.getTime() / 1000 / size) * size;
  for (let start = first; start < to.getTime() / 1000; start += size) {
    byStart.set(start, { start: new Date(start * 1000), counts: EMPTY_COUNTS(), total: 0 });
  }
  for (const row of rows) {
    const bucket = byStart.get(Number(row.bucket));
    if (!bucket) continue;
    const count = Number(row.count);
    bucket.counts[row.decision as CallDecisionValue] += count;
    bucket.total += count;
  }
  return [...byStart.values()];
}

export type ToolCallCount = { tool: string; decision: CallDecisionValue; code: string; count: number };

/** tools/call rows of one server since `from`, counted per tool, decision and code (for the policy dry run). */
export async function countToolCallsByDecision({ orgId, serverId, from }: { orgId: string; serverId: string; from: Date }): Promise<ToolCallCount[]> {
  const db = await getDb();
  const rows = await db.call.groupBy({
    by: ["tool", "decision", "code"],
    where: { orgId, serverId, method: "tools/call", tool: { not: null }, createdAt: { gte: from } },
    _count: { _all: true },
  });
  return rows.map((row) => ({ tool: row.tool ?? "", decision: row.decision, code: row.code, count: row._count._all }));
}
