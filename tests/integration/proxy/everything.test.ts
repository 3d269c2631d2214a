/**
 * End to end through a real SDK Client, the proxy, and server-everything over Streamable HTTP:
 * tools are listed and called, denials carry a readable reason and `_meta["toolgate/decision"]`,
 * hidden tools vanish and answer as unknown, and every message has its call row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerEverything, type Upstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, listCallRows, type RunningProxy, startProxy, type Tenant, textOf } from "./fixtures";

const policy = {
  version: "1",
  default: "deny",
  hide: ["get-env"],
  tools: {
    echo: {},
    "get-sum": { deny_if: [{ conditions: [{ path: "args.a", op: "gt", value: 1000 }], on_deny: "Sums over 1000 need a human." }] },
    "get-tiny-image": { action: "deny", reason: "Images are not needed." },
  },
};

let upstream: Upstream;
let running: RunningProxy;
let tenant: Tenant;
let token: string;

beforeAll(async () => {
  [upstream, running] = await Promise.all([startServerEverything(), startProxy()]);
  tenant = await createTenant(upstream.url);
  ({ token } = await createGrantWithPolicy(tenant, policy));
});

afterAll(async () => {
  await running?.close();
  await upstream?.close();
});

describe("proxy in front of server-everything", () => {
  it("lists tools without the hidden ones and calls an allowed tool", async () => {
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain("echo");
    expect(names).toContain("get-sum");
    expect(names).not.toContain("get-env");
    const result = await client.callTool({ name: "echo", arguments: { message: "hello" } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain("hello");
    await client.close();
  });

  it("denies with a readable reason and a decision for programs", async () => {
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const denied = await client.callTool({ name: "get-sum", arguments: { a: 5000, b: 1 } });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/^Denied by Toolgate policy "policy-[a-z0-9]+" v1 \(deny_if \/tools\/get-sum\/deny_if\/0\): Sums over 1000 need a human\./);
    expect(denied._meta?.["toolgate/decision"]).toMatchObject({ code: "deny_if", rule: "/tools/get-sum/deny_if/0", version: 1 });
    const defaultDenied = await client.callTool({ name: "get-structured-content", arguments: { location: "New York" } });
    expect(defaultDenied._meta?.["toolgate/decision"]).toMatchObject({ code: "default_deny" });
    const toolDenied = await client.callTool({ name: "get-tiny-image", arguments: {} });
    expect(textOf(toolDenied)).toContain("Images are not needed.");
    const allowed = await client.callTool({ name: "get-sum", arguments: { a: 2, b: 3 } });
    expect(textOf(allowed)).toContain("5");
    await client.close();
  });

  it("answers a hidden tool exactly like an unknown one", async () => {
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    await expect(client.callTool({ name: "get-env", arguments: {} })).rejects.toThrow(/Unknown tool: get-env/);
    await client.close();
  });

  it("writes a row for every message, with argument keys but no values", async () => {
    const rows = await listCallRows(tenant.orgId);
    const calls = rows.filter((row) => row.method === "tools/call");
    expect(calls.map((row) => [row.tool, row.decision, row.code])).toEqual([
      ["echo", "allowed", "allowed"],
      ["get-sum", "denied", "deny_if"],
      ["get-structured-content", "denied", "default_deny"],
      ["get-tiny-image", "denied", "tool_denied"],
      ["get-sum", "allowed", "allowed"],
      ["get-env", "hidden", "hidden"],
    ]);
    expect(calls[1]?.argumentKeys).toEqual(["a", "b"]);
    expect(rows.some((row) => row.method === "initialize")).toBe(true);
    expect(rows.some((row) => row.method === "notifications/initialized")).toBe(true);
    expect(rows.some((row) => row.method === "tools/list")).toBe(true);
    expect(rows.every((row) => row.sessionId !== null || row.method === "initialize")).toBe(true);
  });
});
