/**
 * Quotas through the proxy against an in-process SDK upstream: the seed policy (30 calls a minute
 * of focus_export_session, every other tool denied), exactness under 200 concurrent calls, two
 * proxy instances sharing one database, and rollback when the tool fails.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkUpstream, startSdkUpstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, listCallRows, type RunningProxy, startProxy, type Tenant, textOf } from "./fixtures";

const seedPolicy = JSON.parse(readFileSync(new URL("../../fixtures/seed-policy.json", import.meta.url), "utf8"));

let upstream: SdkUpstream;
let first: RunningProxy;
let second: RunningProxy;
let tenant: Tenant;

beforeAll(async () => {
  [upstream, first, second] = await Promise.all([startSdkUpstream(), startProxy(), startProxy()]);
  tenant = await createTenant(upstream.url);
});

afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
  await upstream?.close();
});

type Decision = { code: string; retryAfter?: number };
const decisionOf = (result: { _meta?: Record<string, unknown> }) => result._meta?.["toolgate/decision"] as Decision | undefined;

describe("limits", () => {
  it("applies the seed policy: 30 calls pass, the 31st is rate-limited, other tools are denied", async () => {
    const { token } = await createGrantWithPolicy(tenant, seedPolicy);
    const { client } = await connectClient(first.http.urlFor(tenant.serverId), token);
    const before = upstream.calls.get("focus_export_session") ?? 0;
    for (let i = 0; i < 30; i++) {
      const result = await client.callTool({ name: "focus_export_session", arguments: { format: "md" } });
      expect(result.isError).toBeFalsy();
    }
    const limited = await client.callTool({ name: "focus_export_session", arguments: {} });
    expect(limited.isError).toBe(true);
    expect(decisionOf(limited)?.code).toBe("rate_limited");
    expect(decisionOf(limited)?.retryAfter).toBeGreaterThan(0);
    expect(textOf(limited)).toMatch(/rate_limited \/tools\/focus_export_session\/limits\/0\): Rate limit reached.*resets at/);
    const other = await client.callTool({ name: "other_tool", arguments: {} });
    expect(decisionOf(other)?.code).toBe("default_deny");
    expect(upstream.calls.get("focus_export_session")! - before).toBe(30);
    expect(upstream.calls.get("other_tool") ?? 0).toBe(0);
    await client.close();
  });

  it("allows exactly max of 200 concurrent calls, across two instances on one database", async () => {
    const policy = { version: "1", default: "deny", tools: { focus_export_session: { limits: [{ counter: "burst", window: "hour", max: 30 }] } } };
    const { token } = await createGrantWithPolicy(tenant, policy);
    const clients = await Promise.all([connectClient(first.http.urlFor(tenant.serverId), token), connectClient(second.http.urlFor(tenant.serverId), token)]);
    const before = upstream.calls.get("focus_export_session") ?? 0;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (clients[i % 2] as (typeof clients)[0]).client.callTool({ name: "focus_export_session", arguments: {} })),
    );
    const allowed = results.filter((result) => !result.isError);
    const limited = results.filter((result) => decisionOf(result)?.code === "rate_limited");
    expect(allowed).toHaveLength(30);
    expect(limited).toHaveLength(170);
    expect(upstream.calls.get("focus_export_session")! - before).toBe(30);
    await Promise.all(clients.map(({ client }) => client.close()));
  });

  it("gives the reservation back when the tool reports an error", async () => {
    const policy = { version: "1", default: "deny", tools: { failing_tool: { limits: [{ counter: "failing", window: "hour", max: 2 }] } } };
    const { token } = await createGrantWithPolicy(tenant, policy);
    const { client } = await connectClient(first.http.urlFor(tenant.serverId), token);
    for (let i = 0; i < 5; i++) {
      const result = await client.callTool({ name: "failing_tool", arguments: {} });
      expect(textOf(result)).toBe("boom");
    }
    expect(upstream.calls.get("failing_tool")).toBe(5);
    await client.close();
  });

  it("records every call, with the policy version that decided it", async () => {
    const rows = (await listCallRows(tenant.orgId)).filter((row) => row.method === "tools/call");
    expect(rows.filter((row) => row.code === "rate_limited")).toHaveLength(171);
    expect(rows.filter((row) => row.tool === "focus_export_session" && row.decision === "allowed")).toHaveLength(60);
    expect(rows.every((row) => row.policyVersion === 1)).toBe(true);
  });
});
