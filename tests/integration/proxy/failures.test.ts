/**
 * Failures: an upstream killed in the middle of a call (clear error, quota rolled back), a policy
 * the proxy cannot read and a counter store that fails (fail closed, recovery), and the SSRF guard
 * with private upstreams not allowed. The outage of the database server itself is in
 * database-outage.test.ts (it needs a TCP relay in front of a real server).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startSdkUpstream, startServerEverything, type Upstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, listCallRows, type RunningProxy, startProxy, textOf } from "./fixtures";

let running: RunningProxy;

beforeAll(async () => {
  running = await startProxy();
});

afterAll(async () => {
  await running?.close();
});

const decisionCode = (result: { _meta?: Record<string, unknown> }) => (result._meta?.["toolgate/decision"] as { code?: string } | undefined)?.code;

async function counterTotal(orgId: string): Promise<number> {
  const db = await getDb();
  const rows = await db.quotaCounter.findMany({ where: { orgId }, select: { count: true } });
  return rows.reduce((sum, row) => sum + Number(row.count), 0);
}

describe("upstream failure", () => {
  let upstream: Upstream;
  afterAll(async () => upstream?.close());

  it("answers clearly and rolls the quota back when the upstream dies mid-call", async () => {
    upstream = await startServerEverything();
    const tenant = await createTenant(upstream.url);
    const policy = { version: "1", default: "deny", tools: { "trigger-long-running-operation": { limits: [{ counter: "long", window: "hour", max: 5 }] } } };
    const { token } = await createGrantWithPolicy(tenant, policy);
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    let killed = false;
    const result = await client.callTool({ name: "trigger-long-running-operation", arguments: { duration: 30, steps: 30 } }, undefined, {
      timeout: 20_000,
      onprogress: () => {
        if (killed) return;
        killed = true;
        expect(upstream.process?.kill("SIGKILL")).toBe(true);
      },
    });
    expect(killed).toBe(true);
    expect(result.isError).toBe(true);
    expect(decisionCode(result)).toBe("upstream_error");
    expect(textOf(result)).toMatch(/^Toolgate could not complete this call: .*not counted against your limits/);
    expect(await counterTotal(tenant.orgId)).toBe(0);
    await running.proxy.drainCallLog();
    const row = (await listCallRows(tenant.orgId)).find((r) => r.method === "tools/call");
    expect(row).toMatchObject({ decision: "error", code: "upstream_error", upstreamStatus: 200 });
    await client.close().catch(() => {});
  });

  it("answers an unreachable upstream clearly, without counting the call", async () => {
    const tenant = await createTenant("http://127.0.0.1:9/mcp");
    const policy = { version: "1", default: "allow", all_tools: { limits: [{ counter: "all", window: "hour", max: 5 }] } };
    const { token } = await createGrantWithPolicy(tenant, policy);
    const response = await fetch(running.http.urlFor(tenant.serverId), {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "2026-07-28",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "anything", arguments: {} } }),
    });
    const body = (await response.json()) as { result: { isError: boolean; content: Array<{ text: string }> } };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]?.text).toMatch(/could not be reached \(ECONNREFUSED\)/);
    expect(await counterTotal(tenant.orgId)).toBe(0);
  });
});

describe("fail closed", () => {
  let upstream: Upstream & { calls: Map<string, number> };
  beforeAll(async () => {
    upstream = await startSdkUpstream();
  });
  afterAll(async () => upstream?.close());

  it("forwards nothing while the policy cannot be read, and recovers", async () => {
    const tenant = await createTenant(upstream.url);
    const { token, policyId } = await createGrantWithPolicy(tenant, { version: "1", default: "allow" });
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const db = await getDb();
    const [stored] = await db.policyVersion.findMany({ where: { policyId: policyId as string }, select: { id: true, document: true } });
    await db.policyVersion.update({ where: { id: stored!.id }, data: { document: { version: "9" } } });
    running.proxy.lookups.clear();
    const refused = await client.callTool({ name: "other_tool", arguments: {} });
    expect(decisionCode(refused)).toBe("unavailable");
    expect(textOf(refused)).toMatch(/could not be loaded\)\. Nothing was forwarded/);
    expect(upstream.calls.get("other_tool") ?? 0).toBe(0);
    await db.policyVersion.update({ where: { id: stored!.id }, data: { document: stored!.document as object } });
    running.proxy.lookups.clear();
    expect((await client.callTool({ name: "other_tool", arguments: {} })).isError).toBeFalsy();
    await client.close();
    const rows = await listCallRows(tenant.orgId);
    expect(rows.filter((row) => row.method === "tools/call").map((row) => row.code)).toEqual(["unavailable", "allowed"]);
  });

  it("forwards nothing while the counters cannot be reached, and recovers", async () => {
    const tenant = await createTenant(upstream.url);
    const policy = { version: "1", default: "allow", all_tools: { limits: [{ counter: "all", window: "hour", max: 100 }] } };
    const { token } = await createGrantWithPolicy(tenant, policy);
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const db = await getDb();
    const before = upstream.calls.get("focus_export_session") ?? 0;
    const signature = "toolgate_reserve(text[], bigint[], bigint[], timestamptz[], text)";
    await db.$executeRawUnsafe(`ALTER FUNCTION ${signature} RENAME TO toolgate_reserve_disabled`);
    try {
      const refused = await client.callTool({ name: "focus_export_session", arguments: {} });
      expect(decisionCode(refused)).toBe("unavailable");
      expect(textOf(refused)).toContain("rate-limit counters could not be read");
    } finally {
      await db.$executeRawUnsafe("ALTER FUNCTION toolgate_reserve_disabled(text[], bigint[], bigint[], timestamptz[], text) RENAME TO toolgate_reserve");
    }
    expect(upstream.calls.get("focus_export_session") ?? 0).toBe(before);
    expect((await client.callTool({ name: "focus_export_session", arguments: {} })).isError).toBeFalsy();
    await client.close();
  });
});

describe("SSRF guard", () => {
  it("refuses loopback upstreams when private upstreams are not allowed", async () => {
    const strict = await startProxy({ allowPrivateUpstreams: false });
    const upstream = await startSdkUpstream();
    try {
      for (const url of [upstream.url, upstream.url.replace("127.0.0.1", "localhost")]) {
        const tenant = await createTenant(url);
        const { token } = await createGrantWithPolicy(tenant, { version: "1", default: "allow" });
        const response = await fetch(strict.http.urlFor(tenant.serverId), {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "initialize",
            params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "x", version: "1" } },
          }),
        });
        const body = (await response.json()) as { error: { message: string } };
        expect(body.error.message).toMatch(/resolves to (127\.0\.0\.1|::1) \(loopback\); private upstreams are not allowed/);
      }
      expect(upstream.requestHeaders).toHaveLength(0);
    } finally {
      await strict.close();
      await upstream.close();
    }
  });
});
