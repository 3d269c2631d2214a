import "server-only";
/**
 * Call-log writes of the proxy, batched: one multi-row INSERT for every call that arrived while the
 * previous batch was being assembled (proxy/call-log.ts). Rows travel as one JSON parameter, so a
 * batch of any size is one statement and one round trip. Reads for the log explorer live in calls.ts.
 */
import type { CallDto } from "./calls";
import { getBackend, type HotStatement } from "./client";

export type CallDecisionName = CallDto["decision"];

/** A row as the proxy writes it: the explorer's shape, plus the tenant, without the id the database assigns. */
export type CallRowInput = Omit<CallDto, "id"> & { orgId: string };

const COLUMNS =
  '"orgId", "serverId", "grantId", "grantLabel", "sessionId", "requestId", "method", "tool", "decision", "code", "rule", "message", "policyId", "policyVersion", "argumentKeys", "upstreamStatus", "upstreamMs", "totalMs", "createdAt"';

const RECORD =
  'ord int, "orgId" text, "serverId" text, "grantId" text, "grantLabel" text, "sessionId" text, "requestId" text, "method" text, "tool" text, "decision" text, "code" text, "rule" text, "message" text, "policyId" text, "policyVersion" int, "argumentKeys" text[], "upstreamStatus" int, "upstreamMs" int, "totalMs" int, "createdAt" timestamptz';

const INSERT: HotStatement = {
  name: "toolgate_insert_calls",
  text: `INSERT INTO "Call" (${COLUMNS})
  SELECT ${COLUMNS.replace('"decision"', '"decision"::"CallDecision"')} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD}) ORDER BY ord
  RETURNING id`,
};

/**
 * Inserts the rows in one statement and returns their ids in input order. Ids come from a sequence
 * consumed in the SELECT's ORDER BY, so sorting the returned ids restores the input order.
 */
export async function insertCallRows(rows: CallRowInput[]): Promise<bigint[]> {
  if (rows.length === 0) return [];
  const { query } = await getBackend();
  const payload = JSON.stringify(rows.map((row, ord) => ({ ...row, ord })));
  const result = await query<{ id: string | number | bigint }>(INSERT, [payload]);
  return result.map((row) => BigInt(row.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export type CallSettlement = {
  id: bigint;
  orgId: string;
  decision: CallDecisionName;
  code: string;
  message: string | null;
  upstreamStatus: number | null;
  upstreamMs: number | null;
  totalMs: number;
};

const SETTLE: HotStatement = {
  name: "toolgate_settle_calls",
  text: `UPDATE "Call" AS c SET
    "decision" = r."decision"::"CallDecision", "code" = r."code", "message" = coalesce(r."message", c."message"),
    "upstreamStatus" = r."upstreamStatus", "upstreamMs" = r."upstreamMs", "totalMs" = r."totalMs"
  FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, "orgId" text, "decision" text, "code" text, "message" text, "upstreamStatus" int, "upstreamMs" int, "totalMs" int)
  WHERE c.id = r.id AND c."orgId" = r."orgId"`,
};

/** Second phase of a forwarded call's row: what the upstream answered and how long it took. */
export async function settleCallRows(settlements: CallSettlement[]): Promise<void> {
  if (settlements.length === 0) return;
  const { query } = await getBackend();
  const payload = JSON.stringify(settlements.map((s) => ({ ...s, id: s.id.toString() })));
  await query(SETTLE, [payload]);
}

export type ReserveAndRecordInput = {
  orgId: string;
  keys: string[];
  amounts: number[];
  maxes: number[];
  windowEnds: Date[];
  /** The row as written when every reservation is made. */
  row: CallRowInput;
  /** Per key: the rule and message the row carries when that key is the one that is exhausted. */
  deniedRules: string[];
  deniedMessages: string[];
};

const RESERVE_AND_RECORD: HotStatement = {
  name: "toolgate_reserve_and_record",
  text: `WITH r AS (
    SELECT allowed, failed_index FROM toolgate_reserve($1::text[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::text)
  ), ins AS (
    INSERT INTO "Call" (${COLUMNS})
    SELECT x."orgId", x."serverId", x."grantId", x."grantLabel", x."sessionId", x."requestId", x."method", x."tool",
      (CASE WHEN r.allowed THEN x."decision" ELSE 'denied' END)::"CallDecision",
      CASE WHEN r.allowed THEN x."code" ELSE 'rate_limited' END,
      CASE WHEN r.allowed THEN x."rule" ELSE ($7::text[])[r.failed_index + 1] END,
      CASE WHEN r.allowed THEN x."message" ELSE ($8::text[])[r.failed_index + 1] END,
      x."policyId", x."policyVersion", x."argumentKeys", x."upstreamStatus", x."upstreamMs", x."totalMs", x."createdAt"
    FROM r, jsonb_to_record($6::jsonb) AS x(${RECORD.replace("ord int, ", "")})
    RETURNING id
  )
  SELECT r.allowed, r.failed_index, ins.id FROM r, ins`,
};

/**
 * Reserves a call's limits and writes its row in ONE statement: the reservation stays the single
 * atomic all-or-nothing step (toolgate_reserve), and the row, allowed or rate-limited, is committed
 * with it, so a limited call pays one round trip for both and its row is durable before forwarding.
 */
export async function reserveAndRecordCall(input: ReserveAndRecordInput): Promise<{ allowed: boolean; failedIndex: number; id: bigint }> {
  const { query } = await getBackend();
  const rows = await query<{ allowed: boolean; failed_index: number; id: string | number | bigint }>(RESERVE_AND_RECORD, [
    input.keys,
    input.amounts,
    input.maxes,
    input.windowEnds.map((end) => end.toISOString()),
    input.orgId,
    JSON.stringify(input.row),
    input.deniedRules,
    input.deniedMessages,
  ]);
  const row = rows[0];
  if (!row) throw new Error("Quota reservation returned no row.");
  return { allowed: row.allowed, failedIndex: Number(row.failed_index), id: BigInt(row.id) };
}
