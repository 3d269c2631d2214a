import { createServer as createHttpServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createServer } from "@/lib/db/servers";
import { listTools } from "@/lib/db/tools";
import { fetchUpstreamTools } from "@/lib/mcp/fetch-upstream-tools";
import { refreshServerTools } from "@/lib/servers/refresh-tools";
import { testConnection } from "@/lib/servers/test-connection";
import { createTestOrg } from "../../helpers/harness";
import { findFreePort, startServerEverything, type Upstream } from "../../helpers/mcp-upstream";

let upstream: Upstream;
/** An HTTP server that requires a bearer token before proxying to server-everything: proves stored headers are sent. */
let guarded: Server;
let guardedUrl: string;

beforeAll(async () => {
  upstream = await startServerEverything();
  guarded = createHttpServer(async (request, response) => {
    // Only POST is relayed: the SDK treats 405 on its optional GET stream as "no stream".
    if (request.method !== "POST") {
      response.writeHead(405).end();
      return;
    }
    if (request.headers.authorization !== "Bearer upstream-secret") {
      response.writeHead(401).end("unauthorized");
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "accept", "mcp-session-id", "mcp-protocol-version"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const answer = await fetch(upstream.url, { method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, key) => {
      if (key !== "content-length" && key !== "transfer-encoding") out[key] = value;
    });
    response.writeHead(answer.status, out);
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => guarded.listen(0, "127.0.0.1", resolve));
  const address = guarded.address();
  guardedUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/mcp`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => guarded.close(() => resolve()));
  await upstream.close();
});

describe("fetchUpstreamTools against server-everything", () => {
  it("lists every tool with its schema", async () => {
    const tools = await fetchUpstreamTools({ url: upstream.url });
    const names = tools.map((tool) => tool.name);
    expect(names).toContain("echo");
    expect(new Set(names).size).toBe(names.length);
    const echo = tools.find((tool) => tool.name === "echo");
    expect(echo?.inputSchema).toMatchObject({ type: "object" });
  });

  it("explains a refused connection and a non-MCP endpoint in words", async () => {
    const closedPort = await findFreePort();
    await expect(fetchUpstreamTools({ url: `http://127.0.0.1:${closedPort}/mcp` })).rejects.toMatchObject({
      code: "unavailable",
      message: `Could not reach the MCP server at http://127.0.0.1:${closedPort}/mcp: connection refused.`,
    });
    await expect(fetchUpstreamTools({ url: guardedUrl })).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("HTTP 401") });
  });

  it("sends the given headers", async () => {
    const tools = await fetchUpstreamTools({ url: guardedUrl, headers: { Authorization: "Bearer upstream-secret" } });
    expect(tools.map((tool) => tool.name)).toContain("echo");
  });
});

describe("refreshServerTools and testConnection", () => {
  it("decrypts the stored credentials, records the catalogue and audits the refresh", async () => {
    const { org, actor } = await createTestOrg("refresh");
    const server = await createServer({
      orgId: org.id,
      data: { name: "everything", url: guardedUrl, headers: { Authorization: "Bearer upstream-secret" } },
      actor,
    });
    const result = await refreshServerTools({ orgId: org.id, serverId: server.id, actor });
    expect(result.count).toBeGreaterThan(0);
    expect(result.added).toContain("echo");
    const tools = await listTools({ orgId: org.id, serverId: server.id });
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo"]));
    expect(tools).toHaveLength(result.count);
    const again = await refreshServerTools({ orgId: org.id, serverId: server.id, actor });
    expect(again).toMatchObject({ added: [], drifted: [], removed: [] });
    const db = await getDb();
    expect(await db.adminEvent.count({ where: { orgId: org.id, action: "server.tools_refreshed" } })).toBe(2);
  });

  it("refuses another organisation's server", async () => {
    const a = await createTestOrg("refresh-a");
    const b = await createTestOrg("refresh-b");
    const server = await createServer({ orgId: a.org.id, data: { name: "everything", url: upstream.url }, actor: a.actor });
    await expect(refreshServerTools({ orgId: b.org.id, serverId: server.id, actor: b.actor })).rejects.toMatchObject({ code: "not_found" });
  });

  it("reports the tool list or the reason as data", async () => {
    const ok = await testConnection({ url: upstream.url });
    expect(ok.ok && ok.tools.length).toBeGreaterThan(0);
    const failed = await testConnection({ url: guardedUrl });
    expect(failed).toEqual({ ok: false, message: expect.stringContaining("refused the credentials") });
  });
});
