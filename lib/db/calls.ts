import "server-only";
/**
 * Read side of the call log (SPEC §5). The proxy writes the rows; these functions only read them,
 * always inside one organisation. Lists page with a keyset on (createdAt desc, id desc), the order
 * of the `call_by_org_time` index, so a page deep in tens of millions of rows costs the same as
 * the first one. The tamper-evidence hashes stay here: the explorer has no use for them.
 */
import { notFound } from "@/lib/errors";
import { CALL_PAGE_MAX, type CallDecisionValue, type CallFilters } from "@/lib/validation/calls";
import { getDb } from "./client";
import type { Prisma } from "./generated/client";

export { type CallBucket, countCallsByBucket, countToolCallsByDecision, type ToolCallCount } from "./call-buckets";

export type CallDto = {
  id: string;
  serverId: string;
  grantId: string;
  grantLabel: string;
  sessionId: string | null;
  requestId: string | null;
  method: string;
  tool: string | null;
  decision: CallDecisionValue;
  code: string;
  rule: string | null;
  message: string | null;
  policyId: string | null;
  policyVersion: number | null;
  argumentKeys: string[];
  upstreamStatus: number | null;
  upstreamMs: number | null;
  totalMs: number;
  createdAt: Date;
};

/** The audited columns the explorer shows (the hash chain adds the tenant and the hashes). */
export const callSelect = {
  id: true,
  serverId: true,
  grantId: true,
  grantLabel: true,
  sessionId: true,
  requestId: true,
  method: true,
  tool: true,
  decision: true,
  code: true,
  rule: true,
  message: true,
  policyId: true,
  policyVersion: true,
  argumentKeys: true,
  upstreamStatus: true,
  upstreamMs: true,
  totalMs: true,
  createdAt: true,
} as const;

type CallRow = Prisma.CallGetPayload<{ select: typeof callSelect }>;

function toCallDto(row: CallRow): CallDto {
  return { ...row, id: row.id.toString(), argumentKeys: row.argumentKeys ?? [] };
}

export const DEFAULT_CALL_PAGE = 50;

/** The cursor is opaque to callers: the last row's time and id, base64url-encoded. */
export function encodeCallCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCallCursor(cursor: string): { createdAt: Date; id: bigint } | null {
  const [time, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time ?? "");
  if (Number.isNaN(createdAt.getTime()) || !id || !/^\d{1,19}$/.test(id)) return null;
  return { createdAt, id: BigInt(id) };
}

function buildWhere(orgId: string, filters: CallFilters): Prisma.CallWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filters.from) createdAt.gte = filters.from;
  if (filters.to) createdAt.lt = filters.to;
  return {
    orgId,
    ...(filters.serverId ? { serverId: filters.serverId } : {}),
    ...(filters.grantId ? { grantId: filters.grantId } : {}),
    ...(filters.tool ? { tool: filters.tool } : {}),
    ...(filters.decision ? { decision: filters.decision } : {}),
    ...(filters.code ? { code: filters.code } : {}),
    ...(filters.method ? { method: filters.method } : {}),
    ...(filters.from || filters.to ? { createdAt } : {}),
  };
}

export async function listCalls({
  orgId,
  filters = {},
  cursor,
  limit = DEFAULT_CALL_PAGE,
}: {
  orgId: string;
  filters?: CallFilters;
  cursor?: string | null;
  limit?: number;
}): Promise<{ items: CallDto[]; nextCursor: string | null }> {
  const db = await getDb();
  const take = Math.min(Math.max(1, Math.floor(limit) || DEFAULT_CALL_PAGE), CALL_PAGE_MAX);
  const after = cursor ? decodeCallCursor(cursor) : null;
  const where = buildWhere(orgId, filters);
  const keyset: Prisma.CallWhereInput | undefined = after
    ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
    : undefined;
  const rows = await db.call.findMany({
    where: keyset ? { AND: [where, keyset] } : where,
    select: callSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const items = rows.slice(0, take).map(toCallDto);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > take && last ? encodeCallCursor(last) : null };
}

export async function getCall({ orgId, callId }: { orgId: string; callId: string }): Promise<CallDto> {
  // A malformed id is answered like a foreign one: not found.
  if (!/^\d{1,19}$/.test(callId)) throw notFound("Call");
  const db = await getDb();
  const row = await db.call.findFirst({ where: { id: BigInt(callId), orgId }, select: callSelect });
  if (!row) throw notFound("Call");
  return toCallDto(row);
}

/** Every matching row, newest first, fetched page by page so an export never holds the log in memory. */
export async function* streamCalls({
  orgId,
  filters = {},
  pageSize = 500,
}: {
  orgId: string;
  filters?: CallFilters;
  pageSize?: number;
}): AsyncGenerator<CallDto> {
  let cursor: string | null = null;
  do {
    const page: { items: CallDto[]; nextCursor: string | null } = await listCalls({ orgId, filters, cursor, limit: pageSize });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}
