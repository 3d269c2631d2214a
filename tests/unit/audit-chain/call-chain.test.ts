import { describe, expect, it } from "vitest";
import {
  type ChainCallRow,
  canonicalCallRow,
  createCallChainVerifier,
  GENESIS_HASH,
  hashCallRow,
  type SealedCallRow,
  sealCallRows,
  verifyCallChain,
} from "@/lib/audit-chain/call-chain";

function row(id: number, overrides: Partial<ChainCallRow> = {}): ChainCallRow {
  return {
    id: BigInt(id),
    createdAt: new Date(Date.UTC(2026, 2, 1, 12, 0, id)),
    orgId: "org-a",
    serverId: "srv",
    grantId: "grant",
    grantLabel: "agent",
    sessionId: null,
    requestId: `req-${id}`,
    method: "tools/call",
    tool: "read",
    decision: "allowed",
    code: "ok",
    rule: null,
    message: null,
    policyId: "pol",
    policyVersion: 3,
    argumentKeys: ["path"],
    upstreamStatus: 200,
    upstreamMs: 12,
    totalMs: 15,
    ...overrides,
  };
}

function sealed(rows: ChainCallRow[], prevHash = GENESIS_HASH): SealedCallRow[] {
  const seals = sealCallRows(prevHash, rows);
  return rows.map((r, index) => ({ ...r, prevHash: seals[index]?.prevHash ?? "", hash: seals[index]?.hash ?? "" }));
}

const ids = [1, 2, 3, 4, 5];

describe("call chain (pure)", () => {
  it("chains each row to the previous one from the genesis value", () => {
    const chain = sealed(ids.map((id) => row(id)));
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
    expect(verifyCallChain(chain)).toEqual({ checked: 5, firstBrokenId: null, reason: null, anchor: { rowId: 1n, kind: "genesis" } });
    expect(verifyCallChain([])).toEqual({ checked: 0, firstBrokenId: null, reason: null, anchor: null });
  });

  it("covers every audited column: changing any one changes the hash", () => {
    const base = row(7);
    const changes: Partial<ChainCallRow>[] = [
      { id: 8n },
      { createdAt: new Date(base.createdAt.getTime() + 1) },
      { orgId: "org-b" },
      { serverId: "x" },
      { grantId: "x" },
      { grantLabel: "x" },
      { sessionId: "s" },
      { requestId: null },
      { method: "tools/list" },
      { tool: null },
      { decision: "denied" },
      { code: "tool_denied" },
      { rule: "r" },
      { message: "m" },
      { policyId: null },
      { policyVersion: 4 },
      { argumentKeys: ["path", "mode"] },
      { upstreamStatus: 500 },
      { upstreamMs: null },
      { totalMs: 16 },
    ];
    expect(changes).toHaveLength(20);
    const hash = hashCallRow(GENESIS_HASH, base);
    for (const change of changes) expect(hashCallRow(GENESIS_HASH, { ...base, ...change }), JSON.stringify(Object.keys(change))).not.toBe(hash);
    // null and the string "null", or [] and [""], are different values in the canonical form.
    expect(canonicalCallRow({ ...base, sessionId: null })).not.toBe(canonicalCallRow({ ...base, sessionId: "null" }));
    expect(canonicalCallRow({ ...base, argumentKeys: [] })).not.toBe(canonicalCallRow({ ...base, argumentKeys: [""] }));
    expect(hashCallRow("a".repeat(64), base)).not.toBe(hash);
  });

  it("finds the first broken row: a changed column, a deleted row, a swapped pair", () => {
    const chain = sealed(ids.map((id) => row(id)));
    const changed = chain.map((r) => (r.id === 3n ? { ...r, decision: "denied" } : r));
    expect(verifyCallChain(changed)).toMatchObject({ checked: 2, firstBrokenId: 3n, reason: "row_changed" });

    const withoutThree = chain.filter((r) => r.id !== 3n);
    expect(verifyCallChain(withoutThree)).toMatchObject({ checked: 2, firstBrokenId: 4n, reason: "link_broken" });

    // Rows 2 and 3 swap places (ids and contents exchanged): row "2" now carries row 3's content.
    const [one, two, three, ...rest] = chain as [SealedCallRow, SealedCallRow, SealedCallRow, ...SealedCallRow[]];
    const swapped = [one, { ...three, id: 2n }, { ...two, id: 3n }, ...rest];
    expect(verifyCallChain(swapped)).toMatchObject({ firstBrokenId: 2n, reason: "link_broken" });
    expect(verifyCallChain([one, three, two, ...rest])).toMatchObject({ firstBrokenId: 3n, reason: "link_broken" });
    expect(verifyCallChain([two, one])).toMatchObject({ checked: 1, firstBrokenId: 1n, reason: "out_of_order" });

    // A rewritten row with a recomputed hash moves the break to the next row.
    const rewritten = { ...changed[2], hash: hashCallRow(chain[2]?.prevHash ?? "", changed[2] as SealedCallRow) } as SealedCallRow;
    expect(verifyCallChain([one, two, rewritten, ...rest])).toMatchObject({ checked: 3, firstBrokenId: 4n, reason: "link_broken" });

    expect(verifyCallChain([one, { ...two, hash: "nope" }])).toMatchObject({ firstBrokenId: 2n, reason: "malformed_hash" });
  });

  it("anchors on the oldest remaining row when the head was trimmed, and checks from there", () => {
    const chain = sealed(ids.map((id) => row(id))).slice(2);
    expect(verifyCallChain(chain)).toEqual({ checked: 3, firstBrokenId: null, reason: null, anchor: { rowId: 3n, kind: "trimmed" } });
  });

  it("gives the same verdict page by page as all at once", () => {
    const chain = sealed(Array.from({ length: 10 }, (_, index) => row(index + 1)));
    const tampered = chain.map((r) => (r.id === 8n ? { ...r, totalMs: 1 } : r));
    const verifier = createCallChainVerifier();
    expect(verifier.push(tampered.slice(0, 4))).toBe(true);
    expect(verifier.push(tampered.slice(4, 8))).toBe(false);
    expect(verifier.push(tampered.slice(8))).toBe(false);
    expect(verifier.verdict()).toEqual(verifyCallChain(tampered));
    expect(verifier.verdict()).toMatchObject({ checked: 7, firstBrokenId: 8n });
  });
});
