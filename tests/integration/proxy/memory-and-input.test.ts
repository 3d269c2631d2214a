/**
 * server-memory behind `mcp-proxy --host 127.0.0.1`: destructive tools under a policy (every
 * decision code the evaluator can produce), the stateless 2026-07-28 revision (raw requests: SDK
 * 1.32.2 has no client for it), and malformed input answered with the right JSON-RPC errors.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertToolCatalogue } from "@/lib/db/tools";
import { startMemoryServer, type Upstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, listCallRows, type RunningProxy, startProxy, type Tenant, textOf } from "./fixtures";

const memoryTools = JSON.parse(readFileSync(new URL("../../fixtures/tools/memory.json", import.meta.url), "utf8"));

const policy = {
  version: "1",
  default: "deny",
  validate_arguments: true,
  tools: {
    read_graph: {},
    search_nodes: {},
    create_entities: {
      require: [{ conditions: [{ path: "args.entities", op: "exists", value: true }], on_deny: "Say which entities to create." }],
      limits: [{ counter: "entities", window: "hour", max: 1000, amount_from: "args.batch" }],
    },
    add_observations: { require: [{ conditions: [{ path: "args.observations", op: "exists", value: true }], on_deny: "Give observations." }] },
    delete_entities: { action: "require_approval", reason: "Deleting entities needs a person." },
    delete_relations: { action: "deny", reason: "Relations are permanent." },
  },
};

let upstream: Upstream;
let running: RunningProxy;
let tenant: Tenant;
let token: string;

beforeAll(async () => {
  [upstream, running] = await Promise.all([startMemoryServer(), startProxy({ approvalHoldMs: 100 })]);
  tenant = await createTenant(upstream.url);
  await upsertToolCatalogue({ orgId: tenant.orgId, serverId: tenant.serverId, tools: memoryTools.tools ?? memoryTools, actor: tenant.actor });
  ({ token } = await createGrantWithPolicy(tenant, policy));
});

afterAll(async () => {
  await running?.close();
  await upstream?.close();
});

const codeOf = (result: { _meta?: Record<string, unknown> }) => (result._meta?.["toolgate/decision"] as { code: string } | undefined)?.code;

describe("destructive tools behind mcp-proxy", () => {
  it("produces every decision code of SPEC §2 and never forwards a denial", async () => {
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    expect(textOf(await client.callTool({ name: "read_graph", arguments: {} }))).toContain("entities");
    expect(codeOf(await client.callTool({ name: "delete_relations", arguments: { relations: [] } }))).toBe("tool_denied");
    expect(codeOf(await client.callTool({ name: "open_nodes", arguments: { names: [] } }))).toBe("default_deny");
    const invalid = await client.callTool({ name: "search_nodes", arguments: { query: 42 } });
    expect(codeOf(invalid)).toBe("invalid_arguments");
    expect(textOf(invalid)).toContain("/query");
    expect(codeOf(await client.callTool({ name: "add_observations", arguments: {} }))).toBe("invalid_arguments");
    expect(codeOf(await client.callTool({ name: "create_entities", arguments: { entities: [] } }))).toBe("invalid_limit_amount");
    const approval = await client.callTool({ name: "delete_entities", arguments: { entityNames: ["x"] } });
    expect(codeOf(approval)).toBe("approval_pending");
    expect(textOf(approval)).toContain("Deleting entities needs a person.");
    await client.close();
    const { token: noPolicyToken } = await createGrantWithPolicy(tenant, null);
    const { client: bare } = await connectClient(running.http.urlFor(tenant.serverId), noPolicyToken);
    expect(codeOf(await bare.callTool({ name: "read_graph", arguments: {} }))).toBe("no_policy");
    await bare.close();
  });

  it("denies with require_failed when a requirement does not hold", async () => {
    const requireOnly = { version: "1", default: "deny", validate_arguments: false, tools: { add_observations: policy.tools.add_observations } };
    const { token: requireToken } = await createGrantWithPolicy(tenant, requireOnly);
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), requireToken);
    const denied = await client.callTool({ name: "add_observations", arguments: {} });
    expect(codeOf(denied)).toBe("require_failed");
    expect(textOf(denied)).toContain("Give observations.");
    await client.close();
  });
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(running.http.urlFor(tenant.serverId), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${token}`, ...headers },
    body,
  });

describe("stateless revision 2026-07-28", () => {
  const meta = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" },
    "io.modelcontextprotocol/clientCapabilities": {},
  };
  const modern = { "mcp-protocol-version": "2026-07-28" };

  it("forwards server/discover and tools/call without a session, and still enforces the policy", async () => {
    const discover = await post(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: meta } }), {
      ...modern,
      "mcp-method": "server/discover",
    });
    expect(discover.status).toBe(200);
    expect(discover.headers.get("mcp-session-id")).toBeNull();
    expect(((await discover.json()) as { result: { supportedVersions: string[] } }).result.supportedVersions).toContain("2026-07-28");
    const call = (name: string) =>
      post(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name, arguments: {}, _meta: meta } }), {
        ...modern,
        "mcp-method": "tools/call",
        "mcp-name": name,
      });
    const allowed = (await (await call("read_graph")).json()) as { result: { content: unknown[]; isError?: boolean } };
    expect(allowed.result.isError).toBeFalsy();
    const denied = (await (await call("delete_relations")).json()) as { result: { isError: boolean; _meta: Record<string, { code: string }> } };
    expect(denied.result._meta["toolgate/decision"]?.code).toBe("tool_denied");
  });

  it("refuses an Mcp-Name header that names another tool than the body", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "delete_relations", arguments: {}, _meta: meta } });
    const response = await post(body, { ...modern, "mcp-method": "tools/call", "mcp-name": "read_graph" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32600);
  });
});

describe("malformed input", () => {
  it("answers -32700, -32600, batches and oversized bodies", async () => {
    const parse = await post("{not json");
    expect(parse.status).toBe(400);
    expect(((await parse.json()) as { error: { code: number } }).error.code).toBe(-32700);
    const invalid = await post(JSON.stringify({ jsonrpc: "1.0", id: 1, method: "ping" }));
    expect(((await invalid.json()) as { error: { code: number } }).error.code).toBe(-32600);
    const batch = await post(JSON.stringify([{ jsonrpc: "2.0", id: 1, method: "ping" }]));
    const batchError = ((await batch.json()) as { error: { code: number; message: string } }).error;
    expect(batchError.code).toBe(-32600);
    expect(batchError.message).toMatch(/batch/i);
    const large = await post(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping", params: { pad: "x".repeat(1024 * 1024 + 10) } }));
    expect(large.status).toBe(413);
    const badParams = await post(JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/call", params: { arguments: {} } }), {
      "mcp-protocol-version": "2026-07-28",
    });
    expect(((await badParams.json()) as { error: { code: number } }).error.code).toBe(-32602);
  });

  it("answers a denial as an SSE event to a client that only accepts event streams", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "delete_relations", arguments: {} } });
    const response = await post(body, { accept: "text/event-stream", "mcp-protocol-version": "2026-07-28" });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(await response.text()).toMatch(/^event: message\ndata: .*"tool_denied"/);
  });

  it("logs malformed messages as calls with their code", async () => {
    const codes = (await listCallRows(tenant.orgId)).filter((row) => row.method === "(invalid)").map((row) => row.code);
    expect(codes).toEqual(expect.arrayContaining(["parse_error", "invalid_request", "body_too_large"]));
  });
});
