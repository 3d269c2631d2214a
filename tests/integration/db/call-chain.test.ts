/**
 * The call log's hash chain (SPEC §5 tamper evidence) against a real database: rows written by the
 * proxy's own insert, sealed per organisation by the background sealer, verified by recomputing
 * every hash; tampering of every kind found at its first row; retention-trimmed heads; the lock.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, sealCallRows } from "@/lib/audit-chain/call-chain";
import { CALL_CHAIN_LOCK_KEY_SQL, verifyCallChain, withCallChainLock } from "@/lib/db/call-chain";
import { getDb } from "@/lib/db/client";
import { updateOrganizationSettings } from "@/lib/db/orgs";
import { type CallRowInput, insertCallRows } from "@/lib/db/proxy-calls";
import { runMaintenance } from "@/lib/maintenance/run-maintenance";
import { type SealOptions, type SealReport, sealCallChain } from "@/lib/maintenance/seal-call-chain";
import { createTestOrg } from "../../helpers/harness";

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const quiet = { info: () => {}, error: () => {} };

async function seal(options: SealOptions = {}): Promise<SealReport> {
  return sealCallChain({ logger: quiet, ...options });
}

function completed(report: SealReport) {
  if (report.status !== "completed") throw new Error(`expected a completed run, got ${JSON.stringify(report)}`);
  return report;
}

function callRow(orgId: string, ageMs: number, index: number, overrides: Partial<CallRowInput> = {}): CallRowInput {
  return {
    orgId,
    serverId: "srv-1",
    grantId: "grant-1",
    grantLabel: "agent",
    sessionId: index % 2 === 0 ? `session-${index}` : null,
    requestId: `req-${index}`,
    method: "tools/call",
    tool: "read_file",
    decision: "allowed",
    code: "ok",
    rule: null,
    message: null,
    policyId: "policy-1",
    policyVersion: 2,
    argumentKeys: ["path"],
    upstreamStatus: 200,
    upstreamMs: 10 + index,
    totalMs: 12 + index,
    createdAt: new Date(Date.now() - ageMs),
    ...overrides,
  };
}

/** `count` rows of one organisation, oldest first, `ageMs` old and ten milliseconds apart. */
async function insertCalls(orgId: string, count: number, ageMs = 30 * MINUTE): Promise<bigint[]> {
  return insertCallRows(Array.from({ length: count }, (_, index) => callRow(orgId, ageMs - index * 10, index)));
}

async function createOrg(prefix: string) {
  return (await createTestOrg(prefix)).org;
}

async function sealedRows(orgId: string) {
  const db = await getDb();
  return db.call.findMany({
    where: { orgId, hash: { not: null } },
    select: { id: true, prevHash: true, hash: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

describe("sealing", () => {
  it("seals each organisation into its own chain from the genesis value, leaving rows younger than the delay unsealed", async () => {
    const a = await createOrg("chain-a");
    const b = await createOrg("chain-b");
    // Interleaved ids across the two organisations, as the proxy writes them.
    for (let round = 0; round < 3; round++) {
      await insertCalls(a.id, 2);
      await insertCalls(b.id, 1);
    }
    await insertCallRows([callRow(a.id, MINUTE, 99), callRow(b.id, 2 * MINUTE, 98)]);

    const report = completed(await seal());
    expect(report.isComplete).toBe(true);
    const chainA = await sealedRows(a.id);
    const chainB = await sealedRows(b.id);
    expect(chainA).toHaveLength(6);
    expect(chainB).toHaveLength(3);
    for (const chain of [chainA, chainB]) {
      expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
      for (let index = 1; index < chain.length; index++) expect(chain[index]?.prevHash).toBe(chain[index - 1]?.hash);
    }

    const verdictA = await verifyCallChain({ orgId: a.id });
    expect(verdictA).toMatchObject({ ok: true, checkedRows: 6, unsealedRows: 1, firstBrokenRowId: null, reason: null });
    expect(verdictA.anchoredAt).toMatchObject({ rowId: chainA[0]?.id.toString(), kind: "genesis" });
    expect(await verifyCallChain({ orgId: b.id })).toMatchObject({ ok: true, checkedRows: 3, unsealedRows: 1 });

    // A second run finds nothing new; once the young rows are old enough they extend the chains.
    expect(completed(await seal()).sealed).toBe(0);
    expect(completed(await seal({ now: new Date(Date.now() + 15 * MINUTE) })).sealed).toBeGreaterThanOrEqual(2);
    expect(await verifyCallChain({ orgId: a.id })).toMatchObject({ ok: true, checkedRows: 7, unsealedRows: 0 });
    expect(await verifyCallChain({ orgId: b.id })).toMatchObject({ ok: true, checkedRows: 4, unsealedRows: 0 });
  });

  it("chains in (createdAt, id) order, not id order; a row that lands behind the head stays unsealed and is counted", async () => {
    const org = await createOrg("chain-order");
    // Ids in insert order, times not: the second row is the youngest, the third is older than the first.
    const ids = await insertCallRows([callRow(org.id, 30 * MINUTE, 0), callRow(org.id, MINUTE, 1), callRow(org.id, 40 * MINUTE, 2)]);
    completed(await seal());
    expect((await sealedRows(org.id)).map((row) => row.id)).toEqual([ids[2], ids[0]]);
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: true, checkedRows: 2, unsealedRows: 1, anchoredAt: { rowId: ids[2]?.toString() } });
    completed(await seal({ now: new Date(Date.now() + 15 * MINUTE) }));
    expect((await sealedRows(org.id)).map((row) => row.id)).toEqual([ids[2], ids[0], ids[1]]);
    // A writer whose clock is far behind: its row sorts before the head and is never sealed out of order.
    await insertCallRows([callRow(org.id, 2 * 60 * MINUTE, 3)]);
    completed(await seal({ now: new Date(Date.now() + 15 * MINUTE) }));
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: true, checkedRows: 3, unsealedRows: 1 });
  });

  it("works through more rows than one batch, across runs cut short by the time budget, and verifies across pages", async () => {
    const org = await createOrg("chain-batches");
    await insertCalls(org.id, 1234);
    // No time at all: every run does one batch and stops; the next one goes on where it stopped.
    const first = completed(await seal({ batchSize: 100, maxRunMs: 0 }));
    expect(first.sealed).toBeLessThanOrEqual(100);
    expect(first.isComplete).toBe(false);
    const partial = await verifyCallChain({ orgId: org.id });
    expect(partial.ok).toBe(true);
    expect(partial.checkedRows + partial.unsealedRows).toBe(1234);
    for (let run = 0; run < 5; run++) expect(completed(await seal({ batchSize: 100, maxRunMs: 0 })).sealed).toBeLessThanOrEqual(100);
    const rest = completed(await seal({ batchSize: 100 }));
    expect(rest.isComplete).toBe(true);
    expect(rest.batches).toBeGreaterThanOrEqual(6);
    expect(await verifyCallChain({ orgId: org.id, pageSize: 97 })).toMatchObject({ ok: true, checkedRows: 1234, unsealedRows: 0 });
    // A break on a page boundary is found at its row.
    const chain = await sealedRows(org.id);
    const target = chain[97 * 3]?.id as bigint;
    const db = await getDb();
    await db.$executeRawUnsafe(`UPDATE "Call" SET "totalMs" = "totalMs" + 1 WHERE id = ${target}`);
    expect(await verifyCallChain({ orgId: org.id, pageSize: 97 })).toMatchObject({ ok: false, checkedRows: 97 * 3, firstBrokenRowId: target.toString() });
  });
});

describe("verification finds tampering at its first row", () => {
  const TAMPERS: Array<[string, string]> = [
    ["createdAt", `"createdAt" = "createdAt" + interval '1 millisecond'`],
    ["serverId", `"serverId" = 'srv-evil'`],
    ["grantId", `"grantId" = 'grant-evil'`],
    ["grantLabel", `"grantLabel" = 'evil'`],
    ["sessionId", `"sessionId" = 'session-evil'`],
    ["requestId", `"requestId" = NULL`],
    ["method", `"method" = 'tools/list'`],
    ["tool", `"tool" = 'delete_file'`],
    ["decision", `"decision" = 'denied'`],
    ["code", `"code" = 'tool_denied'`],
    ["rule", `"rule" = 'deny-all'`],
    ["message", `"message" = 'nothing to see'`],
    ["policyId", `"policyId" = 'policy-evil'`],
    ["policyVersion", `"policyVersion" = 3`],
    ["argumentKeys", `"argumentKeys" = ARRAY['path', 'mode']`],
    ["upstreamStatus", `"upstreamStatus" = 500`],
    ["upstreamMs", `"upstreamMs" = NULL`],
    ["totalMs", `"totalMs" = 9999`],
  ];

  it("a change to any audited column of a sealed row, and nothing else", async () => {
    const org = await createOrg("chain-columns");
    const other = await createOrg("chain-columns-other");
    const ids = await insertCalls(org.id, 5);
    await insertCalls(other.id, 3);
    completed(await seal());
    const target = ids[2] as bigint;
    const db = await getDb();
    const original = await db.call.findUniqueOrThrow({ where: { id: target } });
    for (const [column, assignment] of TAMPERS) {
      await db.$executeRawUnsafe(`UPDATE "Call" SET ${assignment} WHERE id = ${target}`);
      const verdict = await verifyCallChain({ orgId: org.id });
      expect(verdict, column).toMatchObject({ ok: false, checkedRows: 2, firstBrokenRowId: target.toString(), reason: "row_changed" });
      const { id: _id, ...data } = original;
      await db.call.update({ where: { id: target }, data });
      expect(await verifyCallChain({ orgId: org.id }), `${column} restored`).toMatchObject({ ok: true, checkedRows: 5 });
    }
    // Moving the row to another organisation breaks both chains.
    await db.$executeRawUnsafe(`UPDATE "Call" SET "orgId" = '${other.id}' WHERE id = ${target}`);
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: false, firstBrokenRowId: ids[3]?.toString(), reason: "link_broken" });
    expect(await verifyCallChain({ orgId: other.id })).toMatchObject({ ok: false, firstBrokenRowId: target.toString() });
    await db.$executeRawUnsafe(`UPDATE "Call" SET "orgId" = '${org.id}' WHERE id = ${target}`);
    expect(await verifyCallChain({ orgId: other.id })).toMatchObject({ ok: true, checkedRows: 3 });
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: true, checkedRows: 5 });
  });

  it("a row deleted from the middle, two rows swapped, a row un-sealed and edited, a rewritten hash", async () => {
    const org = await createOrg("chain-edits");
    const ids = await insertCalls(org.id, 8);
    completed(await seal());
    const db = await getDb();
    const [, r1, r2, r3, r4, r5, r6] = ids.map((id) => id.toString());

    await db.$executeRawUnsafe(`DELETE FROM "Call" WHERE id = ${r6}`);
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: false, checkedRows: 6, firstBrokenRowId: ids[7]?.toString(), reason: "link_broken" });

    // Reordering: rows r3 and r4 exchange their times, so they swap places in the chain.
    await db.$executeRawUnsafe(`UPDATE "Call" AS c SET "createdAt" = o."createdAt" FROM "Call" AS o
      WHERE (c.id, o.id) IN ((${r3}, ${r4}), (${r4}, ${r3}))`);
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: false, checkedRows: 3, firstBrokenRowId: r4, reason: "link_broken" });
    // Rows r1 and r2 exchange their ids: the row in second place no longer matches its hash.
    await db.$executeRawUnsafe(`UPDATE "Call" SET id = -1 WHERE id = ${r1}`);
    await db.$executeRawUnsafe(`UPDATE "Call" SET id = ${r1} WHERE id = ${r2}`);
    await db.$executeRawUnsafe(`UPDATE "Call" SET id = ${r2} WHERE id = -1`);
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: false, checkedRows: 1, firstBrokenRowId: r2, reason: "row_changed" });

    const fresh = await createOrg("chain-unseal");
    const freshIds = await insertCalls(fresh.id, 4);
    completed(await seal());
    // Clearing a row's seal to edit it: the next sealed row no longer links to the last sealed one.
    await db.$executeRawUnsafe(`UPDATE "Call" SET "hash" = NULL, "prevHash" = NULL, "decision" = 'denied' WHERE id = ${freshIds[1]}`);
    expect(await verifyCallChain({ orgId: fresh.id })).toMatchObject({
      ok: false,
      checkedRows: 1,
      unsealedRows: 1,
      firstBrokenRowId: freshIds[2]?.toString(),
      reason: "link_broken",
    });
    // The sealer never re-seals a row behind the chain's head.
    completed(await seal());
    expect(await verifyCallChain({ orgId: fresh.id })).toMatchObject({ ok: false, firstBrokenRowId: freshIds[2]?.toString() });

    // Editing a row and recomputing its hash moves the break to the row after it.
    const third = await createOrg("chain-rehash");
    const thirdIds = await insertCalls(third.id, 4);
    completed(await seal());
    await db.$executeRawUnsafe(`UPDATE "Call" SET "hash" = repeat('a', 64) WHERE id = ${thirdIds[1]}`);
    expect(await verifyCallChain({ orgId: third.id })).toMatchObject({ ok: false, firstBrokenRowId: thirdIds[1]?.toString(), reason: "row_changed" });
    void r5;
  });
});

describe("retention", () => {
  it("verifies a chain whose oldest rows retention deleted, anchored on the oldest row left", async () => {
    const { org, actor } = await createTestOrg("chain-retention");
    await updateOrganizationSettings({ orgId: org.id, data: { name: org.name, retentionDays: 1 }, actor });
    const old = await insertCalls(org.id, 3, 2 * DAY);
    // Across the retention cutoff, id order and time order disagree (ids are taken at the batched
    // insert, times at arrival): retention deletes the second row and keeps the first.
    const straddling = await insertCallRows([callRow(org.id, DAY - MINUTE, 10), callRow(org.id, DAY + MINUTE, 11)]);
    const recent = await insertCalls(org.id, 4, 30 * MINUTE);
    completed(await seal());
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: true, checkedRows: 9, anchoredAt: { rowId: old[0]?.toString(), kind: "genesis" } });
    const maintenance = await runMaintenance({ logger: quiet });
    expect(maintenance.status).toBe("completed");
    const verdict = await verifyCallChain({ orgId: org.id });
    expect(verdict).toMatchObject({ ok: true, checkedRows: 5, unsealedRows: 0, anchoredAt: { rowId: straddling[0]?.toString(), kind: "trimmed" } });
    expect(recent).toHaveLength(4);
    // New rows keep extending the trimmed chain.
    await insertCalls(org.id, 2, 20 * MINUTE);
    completed(await seal());
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: true, checkedRows: 7, anchoredAt: { kind: "trimmed" } });
  });
});

describe("one sealer at a time", () => {
  it("lets only one of two concurrent runs seal; the chain is neither doubled nor forked", async () => {
    const org = await createOrg("chain-concurrent");
    await insertCalls(org.id, 250);
    const reports = await Promise.all([seal({ batchSize: 50 }), seal({ batchSize: 50 })]);
    expect(reports.map((report) => report.status).sort()).toEqual(["completed", "skipped"]);
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: true, checkedRows: 250, unsealedRows: 0 });
    const hashes = (await sealedRows(org.id)).map((row) => row.prevHash);
    expect(new Set(hashes).size).toBe(250);
  });

  it("a stale sealer's batch writes nothing once the chain has moved past it", async () => {
    const org = await createOrg("chain-stale");
    await insertCalls(org.id, 3);
    const db = await getDb();
    const unsealed = await db.call.findMany({ where: { orgId: org.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const first = unsealed[0] as (typeof unsealed)[number];
    completed(await seal());
    const staleSeals = sealCallRows(
      GENESIS_HASH,
      unsealed.map((row) => ({ ...row, totalMs: row.totalMs + 1 })),
    );
    const outcome = await withCallChainLock({ holdMs: 10_000 }, (store) => store.writeSeals({ orgId: org.id, first, seals: staleSeals }));
    expect(outcome).toEqual({ acquired: true, result: 0 });
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: true, checkedRows: 3 });
  });

  it("skips while another instance holds the seal lock on the same schema (PostgreSQL)", async (context) => {
    const serverUrl = (process.env as Record<string, string | undefined>).DATABASE_URL;
    if (!serverUrl) return context.skip();
    const org = await createOrg("chain-locked");
    await insertCalls(org.id, 2);
    const url = new URL(serverUrl);
    const schema = url.searchParams.get("schema") ?? "public";
    url.searchParams.delete("schema");
    const other = new pg.Client({ connectionString: url.toString(), options: `-c search_path="${schema}"` });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(${CALL_CHAIN_LOCK_KEY_SQL})`);
      expect(await seal()).toEqual({ status: "skipped" });
      await other.query(`SELECT pg_advisory_unlock(${CALL_CHAIN_LOCK_KEY_SQL})`);
    } finally {
      await other.end();
    }
    expect(completed(await seal()).sealed).toBeGreaterThanOrEqual(2);
    expect(await verifyCallChain({ orgId: org.id })).toMatchObject({ ok: true, checkedRows: 2 });
  });
});
