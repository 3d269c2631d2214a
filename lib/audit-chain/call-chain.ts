/**
 * Tamper evidence of the call log (SPEC §5), as pure functions: no database, no clock. Each sealed
 * row carries `hash = sha256(prevHash + "\n" + canonical(row))`, where `prevHash` is the hash of the
 * previous sealed row of the same organisation in chain order, and the first row of an organisation
 * chains from GENESIS_HASH. Chain order is (createdAt, id): the order in which the retention sweep
 * deletes rows (lib/db/maintenance.ts), so retention only ever cuts a prefix off the chain, and the
 * order of the `call_by_org_time` index, so sealing and verifying read an index range. The sealer (lib/maintenance/seal-call-chain.ts) computes the hashes with
 * `sealCallRows`; every verifier (dashboard, /api/v1, CLI, tests) recomputes them with
 * `createCallChainVerifier`, so one function defines what "the same row" means.
 *
 * The canonical form is a JSON array in a fixed order, tagged with a version: JSON.stringify of
 * strings, integers and null is deterministic, and an array has no key order to disagree about.
 * Every audited column is in it, the id and the organisation included, so a row moved to another
 * position or another tenant no longer matches its hash.
 *
 * What a chain does not prove: someone who can write to the database can recompute every hash
 * after a change (the hash has no secret key), and a deletion of the newest sealed rows leaves a
 * shorter chain that still verifies. It proves that the rows present were not edited, removed from
 * the middle or reordered since they were sealed, short of a full rewrite from the changed row on.
 */
import { createHash } from "node:crypto";
import type { ChainBreakReason } from "./reasons";

export { CHAIN_BREAK_DESCRIPTIONS, type ChainBreakReason } from "./reasons";

export const CALL_CHAIN_VERSION = "toolgate.call.v1";

/** The fixed value the first row of every organisation chains from. */
export const GENESIS_HASH = "0".repeat(64);

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Every audited column of a call-log row, as the database holds it. */
export type ChainCallRow = {
  id: bigint;
  createdAt: Date;
  orgId: string;
  serverId: string;
  grantId: string;
  grantLabel: string;
  sessionId: string | null;
  requestId: string | null;
  method: string;
  tool: string | null;
  decision: string;
  code: string;
  rule: string | null;
  message: string | null;
  policyId: string | null;
  policyVersion: number | null;
  argumentKeys: string[];
  upstreamStatus: number | null;
  upstreamMs: number | null;
  totalMs: number;
};

export type SealedCallRow = ChainCallRow & { prevHash: string; hash: string };

export type CallSeal = { id: bigint; prevHash: string; hash: string };

export function canonicalCallRow(row: ChainCallRow): string {
  return JSON.stringify([
    CALL_CHAIN_VERSION,
    row.id.toString(),
    row.createdAt.toISOString(),
    row.orgId,
    row.serverId,
    row.grantId,
    row.grantLabel,
    row.sessionId,
    row.requestId,
    row.method,
    row.tool,
    row.decision,
    row.code,
    row.rule,
    row.message,
    row.policyId,
    row.policyVersion,
    row.argumentKeys,
    row.upstreamStatus,
    row.upstreamMs,
    row.totalMs,
  ]);
}

export function hashCallRow(prevHash: string, row: ChainCallRow): string {
  return createHash("sha256")
    .update(`${prevHash}\n${canonicalCallRow(row)}`)
    .digest("hex");
}

/** The seals of consecutive rows (in chain order) appended after a chain whose last hash is `prevHash`. */
export function sealCallRows(prevHash: string, rows: ChainCallRow[]): CallSeal[] {
  const seals: CallSeal[] = [];
  let previous = prevHash;
  for (const row of rows) {
    const hash = hashCallRow(previous, row);
    seals.push({ id: row.id, prevHash: previous, hash });
    previous = hash;
  }
  return seals;
}

export type ChainAnchor = {
  rowId: bigint;
  /** `genesis`: the chain starts at the organisation's first row; `trimmed`: older rows are gone (retention). */
  kind: "genesis" | "trimmed";
};

export type ChainVerdict = {
  checked: number;
  firstBrokenId: bigint | null;
  reason: ChainBreakReason | null;
  anchor: ChainAnchor | null;
};

/**
 * Checks sealed rows given in chain order (createdAt, then id), in as many `push` calls as pages. The first row
 * is the anchor: if its prevHash is not GENESIS_HASH, the older rows it chained to are gone (the
 * retention sweep deletes the oldest rows first) and the chain is checked from there on; the
 * verdict says which. Stops at the first broken row: everything after it is unproven anyway.
 */
export function createCallChainVerifier() {
  let checked = 0;
  let last: { createdAt: number; id: bigint } | null = null;
  let lastHash: string | null = null;
  let anchor: ChainAnchor | null = null;
  let broken: { id: bigint; reason: ChainBreakReason } | null = null;

  function check(row: SealedRow): ChainBreakReason | null {
    const createdAt = row.createdAt.getTime();
    if (last !== null && (createdAt < last.createdAt || (createdAt === last.createdAt && row.id <= last.id))) return "out_of_order";
    if (!HASH_PATTERN.test(row.hash) || !HASH_PATTERN.test(row.prevHash)) return "malformed_hash";
    if (lastHash === null) anchor = { rowId: row.id, kind: row.prevHash === GENESIS_HASH ? "genesis" : "trimmed" };
    else if (row.prevHash !== lastHash) return "link_broken";
    if (hashCallRow(row.prevHash, row) !== row.hash) return "row_changed";
    return null;
  }

  return {
    /** Returns false once the chain is broken: the caller can stop reading. */
    push(rows: SealedRow[]): boolean {
      for (const row of rows) {
        if (broken) return false;
        const reason = check(row);
        if (reason) {
          broken = { id: row.id, reason };
          return false;
        }
        checked++;
        last = { createdAt: row.createdAt.getTime(), id: row.id };
        lastHash = row.hash;
      }
      return broken === null;
    },
    verdict(): ChainVerdict {
      const current = broken as { id: bigint; reason: ChainBreakReason } | null;
      return { checked, firstBrokenId: current?.id ?? null, reason: current?.reason ?? null, anchor };
    },
  };
}

type SealedRow = SealedCallRow;

/** The whole check over rows already in memory. */
export function verifyCallChain(rows: SealedCallRow[]): ChainVerdict {
  const verifier = createCallChainVerifier();
  verifier.push(rows);
  return verifier.verdict();
}
