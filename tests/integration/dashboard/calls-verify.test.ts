/**
 * "Verify integrity" on the call log explorer: any member, viewers included, may run it; it checks
 * the organisation of the member's slug only (an orgId in the form is ignored); outsiders are refused.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyCallChainAction } from "@/app/(dashboard)/[orgSlug]/calls/actions";
import { type CallRowInput, insertCallRows } from "@/lib/db/proxy-calls";
import { sealCallChain } from "@/lib/maintenance/seal-call-chain";
import { addMember, createTestOrg, createTestUser } from "../../helpers/harness";
import { formData, signInAs } from "./action-context";

vi.mock("@/lib/auth/index", async () => (await import("./action-context")).authModule);
vi.mock("next/headers", async () => (await import("./action-context")).headersModule);
vi.mock("next/cache", async () => (await import("./action-context")).cacheModule);

function row(orgId: string, index: number): CallRowInput {
  return {
    orgId,
    serverId: "srv-1",
    grantId: "grant-1",
    grantLabel: "agent",
    sessionId: null,
    requestId: `req-${index}`,
    method: "tools/call",
    tool: "read",
    decision: "allowed",
    code: "ok",
    rule: null,
    message: null,
    policyId: null,
    policyVersion: null,
    argumentKeys: ["path"],
    upstreamStatus: 200,
    upstreamMs: 1,
    totalMs: 2,
    createdAt: new Date(Date.now() - 30 * 60 * 1000 + index),
  };
}

afterEach(() => signInAs(null));

describe("verifying the call log from the dashboard", () => {
  it("lets a viewer verify their own organisation, and nobody else's", async () => {
    const a = await createTestOrg("verify-dash-a");
    const b = await createTestOrg("verify-dash-b");
    const viewer = await createTestUser("verify-viewer");
    await addMember(a.org.id, viewer, "viewer");
    await insertCallRows([row(a.org.id, 0), row(a.org.id, 1), row(b.org.id, 0)]);
    await sealCallChain({ logger: { info: () => {}, error: () => {} } });

    signInAs(viewer);
    const result = await verifyCallChainAction(null, formData({ orgSlug: a.org.slug, orgId: b.org.id }));
    expect(result).toMatchObject({ ok: true, data: { ok: true, checkedRows: 2, unsealedRows: 0, anchoredAt: { kind: "genesis" } } });

    const foreign = await verifyCallChainAction(null, formData({ orgSlug: b.org.slug }));
    expect(foreign.ok).toBe(false);

    signInAs(null);
    expect((await verifyCallChainAction(null, formData({ orgSlug: a.org.slug }))).ok).toBe(false);
  });
});
