import "server-only";
/**
 * The call log's hash chain (SPEC §5 tamper evidence) in the database: the sealer's statements,
 * handed out only under the seal lock, and `verifyCallChain`, which re-reads an organisation's log
 * in chain order (createdAt, id) and recomputes every hash (lib/audit-chain/call-chain.ts defines the hash).
 *
 * The seal lock mirrors the maintenance lock (lib/db/maintenance.ts) with a key of its own, so the
 * short, frequent sealing runs neither wait for nor block a long retention sweep: a transaction-level
 * advisory lock held by an otherwise idle transaction, released even if the instance dies mid-run,
 * keyed by schema so test runs in different schemas do not skip each other. On embedded PGlite (one
 * process) the in-process flag is the whole lock.
 */
import { type CallSeal, type ChainAnchor, type ChainBreakReason, createCallChainVerifier, type SealedCallRow } from "@/lib/audit-chain/call-chain";
import { getEnv } from "@/lib/env";
import { callSelect } from "./calls";
import { getBackend, getDb } from "./client";
import type { Prisma, PrismaClient } from "./generated/client";

/** The advisory lock's key, as SQL evaluated on the connection (tests take it to play another instance). */
export const CALL_CHAIN_LOCK_KEY_SQL = "hashtextextended('toolgate.call-chain:' || current_schema(), 0)";

type Executor = PrismaClient | Prisma.TransactionClient;

const chainSelect = { ...callSelect, orgId: true, prevHash: true, hash: true } satisfies Prisma.CallSelect;

type ChainRow = Prisma.CallGetPayload<{ select: typeof chainSelect }>;

export type ChainHead = { id: bigint; hash: string; createdAt: Date };

/** Rows after `key` in chain order (createdAt, then id). */
function afterKey(key: { createdAt: Date; id: bigint }): Prisma.CallWhereInput {
  return { OR: [{ createdAt: { gt: key.createdAt } }, { createdAt: key.createdAt, id: { gt: key.id } }] };
}

function createCallChainStore(db: Executor) {
  return {
    async listOrgIds(): Promise<string[]> {
      const rows = await db.organization.findMany({ select: { id: true }, orderBy: { id: "asc" } });
      return rows.map((row) => row.id);
    },
    /**
     * The organisation's last sealed row in chain order (createdAt, id) before `before` (the seal
     * cutoff): the chain continues after it. Bounded by the cutoff, the scan of `call_by_org_time`
     * starts where the head is, not behind the unsealed rows of the last minutes.
     */
    async findChainHead({ orgId, before }: { orgId: string; before: Date }): Promise<ChainHead | null> {
      const row = await db.call.findFirst({
        where: { orgId, hash: { not: null }, createdAt: { lt: before } },
        select: { id: true, hash: true, createdAt: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      return row?.hash ? { id: row.id, hash: row.hash, createdAt: row.createdAt } : null;
    },
    /** Unsealed rows after the head and before the cutoff, in chain order: one `call_by_org_time` range. */
    async listUnsealedAfter({ orgId, after, before, limit }: { orgId: string; after: ChainHead | null; before: Date; limit: number }) {
      return db.call.findMany({
        where: { AND: [{ orgId, hash: null, createdAt: { lt: before } }, after ? afterKey(after) : {}] },
        select: chainSelect,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
      });
    },
    /**
     * Writes one batch of seals in one statement. A row is only sealed if it is still unsealed and
     * no row at or after the batch's first row (in chain order) is sealed yet, so a second sealer
     * (which the lock rules out) could never fork the chain: its batch would write nothing.
     * Returns the count.
     */
    async writeSeals({ orgId, first, seals }: { orgId: string; first: { createdAt: Date; id: bigint }; seals: CallSeal[] }): Promise<number> {
      if (seals.length === 0) return 0;
      const payload = JSON.stringify(seals.map((seal) => ({ id: seal.id.toString(), prevHash: seal.prevHash, hash: seal.hash })));
      return db.$executeRaw`UPDATE "Call" AS c SET "prevHash" = r."prevHash", "hash" = r."hash"
        FROM jsonb_to_recordset(${payload}::jsonb) AS r(id bigint, "prevHash" text, "hash" text)
        WHERE c.id = r.id AND c."orgId" = ${orgId} AND c."hash" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "Call" s WHERE s."orgId" = ${orgId} AND s."hash" IS NOT NULL
            AND (s."createdAt" > ${first.createdAt} OR (s."createdAt" = ${first.createdAt} AND s.id >= ${first.id})))`;
    },
  };
}

export type CallChainStore = ReturnType<typeof createCallChainStore>;

export type LockOutcome<T> = { acquired: true; result: T } | { acquired: false };

const processState = globalThis as unknown as { toolgateCallChainBusy?: boolean };

/** Runs `work` if no other sealer holds the lock, in this process or in any instance on the same schema. */
export async function withCallChainLock<T>({ holdMs }: { holdMs: number }, work: (store: CallChainStore) => Promise<T>): Promise<LockOutcome<T>> {
  if (processState.toolgateCallChainBusy) return { acquired: false };
  processState.toolgateCallChainBusy = true;
  try {
    const backend = await getBackend();
    if (backend.kind === "pglite") return { acquired: true, result: await work(createCallChainStore(backend.db)) };
    // With a pool of one connection the lock's transaction holds the only one: work inside it.
    const canUseOtherConnections = getEnv().TOOLGATE_DB_POOL_SIZE > 1;
    return await backend.db.$transaction(
      async (tx): Promise<LockOutcome<T>> => {
        const rows = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock(${CALL_CHAIN_LOCK_KEY_SQL}) AS locked`);
        if (rows[0]?.locked !== true) return { acquired: false };
        return { acquired: true, result: await work(createCallChainStore(canUseOtherConnections ? backend.db : tx)) };
      },
      { maxWait: 10_000, timeout: holdMs },
    );
  } finally {
    processState.toolgateCallChainBusy = false;
  }
}

export type CallChainReport = {
  /** Sealed rows whose hash and link were recomputed and matched (up to the first broken one). */
  checkedRows: number;
  /** Rows not sealed yet (younger than the seal delay) or never sealed; they are outside the proof. */
  unsealedRows: number;
  /** Where the check started: the organisation's first row, or the oldest row retention left. */
  anchoredAt: { rowId: string; createdAt: Date; kind: ChainAnchor["kind"] } | null;
  ok: boolean;
  firstBrokenRowId: string | null;
  reason: ChainBreakReason | null;
};

export const VERIFY_PAGE_SIZE = 1_000;

/**
 * Recomputes the organisation's chain, reading its rows in chain order one keyset page at a time, so
 * a log of millions of rows never sits in memory. Unsealed rows are counted and skipped: the next
 * sealed row must still link to the last sealed one, so un-sealing a row to edit it breaks the chain.
 */
export async function verifyCallChain({ orgId, pageSize = VERIFY_PAGE_SIZE }: { orgId: string; pageSize?: number }): Promise<CallChainReport> {
  const db = await getDb();
  const verifier = createCallChainVerifier();
  let unsealedRows = 0;
  let anchorCreatedAt: Date | null = null;
  let after: ChainRow | null = null;
  for (;;) {
    const rows: ChainRow[] = await db.call.findMany({
      where: { AND: [{ orgId }, after ? afterKey(after) : {}] },
      select: chainSelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: pageSize,
    });
    const sealed: SealedCallRow[] = [];
    for (const row of rows) {
      if (row.hash === null || row.prevHash === null) unsealedRows++;
      else sealed.push({ ...row, argumentKeys: row.argumentKeys ?? [], prevHash: row.prevHash, hash: row.hash });
    }
    anchorCreatedAt ??= sealed[0]?.createdAt ?? null;
    const isIntact = verifier.push(sealed);
    if (!isIntact) break;
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1] ?? null;
  }
  const verdict = verifier.verdict();
  // A broken chain stops the read: count the unsealed rows past it too, so the number means one thing.
  if (verdict.firstBrokenId !== null) unsealedRows = await db.call.count({ where: { orgId, hash: null } });
  return {
    checkedRows: verdict.checked,
    unsealedRows,
    anchoredAt: verdict.anchor && anchorCreatedAt ? { rowId: verdict.anchor.rowId.toString(), createdAt: anchorCreatedAt, kind: verdict.anchor.kind } : null,
    ok: verdict.firstBrokenId === null,
    firstBrokenRowId: verdict.firstBrokenId?.toString() ?? null,
    reason: verdict.reason,
  };
}
