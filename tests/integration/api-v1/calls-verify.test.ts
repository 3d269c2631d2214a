import { describe, expect, it } from "vitest";
import * as verifyRoute from "@/app/api/v1/calls/verify/route";
import { runCallsVerifyCommand } from "@/lib/cli/commands/calls-verify";
import type { ApiClient } from "@/lib/cli/http-client";
import { CliError } from "@/lib/cli/output";
import { getDb } from "@/lib/db/client";
import { type CallRowInput, insertCallRows } from "@/lib/db/proxy-calls";
import { sealCallChain } from "@/lib/maintenance/seal-call-chain";
import { callRoute, createApiOrg } from "./api-helpers";

const MINUTE = 60 * 1000;

function rows(orgId: string, count: number, ageMs: number): CallRowInput[] {
  return Array.from({ length: count }, (_, index) => ({
    orgId,
    serverId: "srv-1",
    grantId: "grant-1",
    grantLabel: "agent",
    sessionId: null,
    requestId: `req-${index}`,
    method: "tools/call",
    tool: "read",
    decision: "allowed" as const,
    code: "ok",
    rule: null,
    message: null,
    policyId: null,
    policyVersion: null,
    argumentKeys: [],
    upstreamStatus: 200,
    upstreamMs: 1,
    totalMs: 2,
    createdAt: new Date(Date.now() - ageMs + index),
  }));
}

describe("POST /api/v1/calls/verify", () => {
  it("verifies the key's own organisation only, for any role, and reports a break at its row", async () => {
    const a = await createApiOrg("verify-a");
    const b = await createApiOrg("verify-b");
    await insertCallRows(rows(a.org.id, 4, 30 * MINUTE));
    await insertCallRows(rows(a.org.id, 1, MINUTE));
    const idsB = await insertCallRows(rows(b.org.id, 3, 30 * MINUTE));
    expect((await sealCallChain({ logger: { info: () => {}, error: () => {} } })).status).toBe("completed");

    const ok = await callRoute(verifyRoute.POST, "POST", "/calls/verify", { key: a.keys.viewer });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ ok: true, checkedRows: 4, unsealedRows: 1, firstBrokenRowId: null, reason: null, anchoredAt: { kind: "genesis" } });
    expect(ok.headers.get("x-request-id")).toBeTruthy();

    // Org B's log is tampered with: A's verdict does not change, B's keys see the break.
    const db = await getDb();
    await db.$executeRawUnsafe(`UPDATE "Call" SET "decision" = 'denied' WHERE id = ${idsB[1]}`);
    const stillOk = await callRoute(verifyRoute.POST, "POST", "/calls/verify", { key: a.keys.admin });
    expect(stillOk.json).toMatchObject({ ok: true, checkedRows: 4 });
    const broken = await callRoute(verifyRoute.POST, "POST", "/calls/verify", { key: b.keys.manager });
    expect(broken.json).toMatchObject({ ok: false, checkedRows: 1, firstBrokenRowId: idsB[1]?.toString(), reason: "row_changed" });

    // No organisation can be named in the request: the key decides (an unknown body field is ignored).
    const foreign = await callRoute(verifyRoute.POST, "POST", "/calls/verify", { key: a.keys.viewer, body: { orgId: b.org.id } });
    expect(foreign.json).toMatchObject({ ok: true, checkedRows: 4 });

    const anonymous = await callRoute(verifyRoute.POST, "POST", "/calls/verify", {});
    expect(anonymous.status).toBe(401);
  });

  it("`toolgate calls verify` prints the verdict and exits 1 on a broken chain", async () => {
    const { org, keys } = await createApiOrg("verify-cli");
    const ids = await insertCallRows(rows(org.id, 3, 30 * MINUTE));
    await sealCallChain({ logger: { info: () => {}, error: () => {} } });
    // The command's client, answered by the real route with a real key.
    const client: ApiClient = {
      request: async <T>(method: string, path: string) => {
        expect([method, path]).toEqual(["POST", "/calls/verify"]);
        const response = await callRoute(verifyRoute.POST, method, path, { key: keys.viewer });
        return response.json as T;
      },
    };
    const out: string[] = [];
    const output = { out: (text: string) => out.push(text), err: () => {} };
    await runCallsVerifyCommand({ positionals: [], options: {} }, client, output);
    expect(out.join("\n")).toContain("3 sealed calls checked from call");
    expect(out.at(-1)).toBe("The call log is intact.");
    const db = await getDb();
    await db.$executeRawUnsafe(`DELETE FROM "Call" WHERE id = ${ids[1]}`);
    const failure = await runCallsVerifyCommand({ positionals: [], options: {} }, client, output).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(1);
    expect((failure as CliError).message).toContain(`broken at call ${ids[2]}`);
  });
});
