/**
 * Answers that arrive on a resumed stream (MCP 2025-11-25): the upstream closes a POST's event
 * stream right after its priming event and delivers the answer later, and the client reconnects
 * through the proxy with GET + Last-Event-ID to receive it. The proxy settles the call when the
 * answer passes on that GET stream: the row gets its outcome and upstream latency, an error gives
 * the quota back before the client sees it, and a late tools/list still hides hidden tools. Calls
 * whose answer this instance never sees are settled as unanswered and keep their reservation.
 * The upstream is an in-process SDK server with an event store; the client is the SDK's Client.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { type EventStore, StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ErrorCode, type JSONRPCMessage, ListToolsRequestSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { connectClient, createGrantWithPolicy, createTenant, type RunningProxy, startProxy, type Tenant, textOf } from "./fixtures";

/** The client waits this long before resuming; the late answer's latency must include it. */
const RETRY_MS = 50;

/** Replays in the order events were stored (the SDK example store sorts ids that can tie within a millisecond). */
class OrderedEventStore implements EventStore {
  private readonly events: Array<{ id: string; streamId: string; message: JSONRPCMessage }> = [];

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const id = `${streamId}.${this.events.length}`;
    this.events.push({ id, streamId, message });
    return id;
  }

  async replayEventsAfter(lastEventId: string, { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> }): Promise<string> {
    const index = this.events.findIndex((event) => event.id === lastEventId);
    const streamId = this.events[index]?.streamId ?? "";
    for (const event of this.events.slice(index + 1)) if (event.streamId === streamId) await send(event.id, event.message);
    return streamId;
  }
}

type ResumableUpstream = { url: string; resumes: () => number; close: () => Promise<void> };

/**
 * Every tools/list and tools/call closes its POST stream before answering. `late_answer` answers
 * with `outcome` (success, is_error, rpc_error), at once (the answer is replayed on resume) or,
 * with `afterResume`, only once the client's resumed GET has reached the upstream.
 */
async function startResumableUpstream(): Promise<ResumableUpstream> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  let resumes = 0;
  let waiters: Array<() => void> = [];
  const nextResume = () => new Promise<void>((resolve) => waiters.push(resolve));
  const closeEarly = (extra: { closeSSEStream?: () => void }) => {
    if (!extra.closeSSEStream) throw new Error("The transport cannot close this stream early.");
    extra.closeSSEStream();
  };

  const buildServer = () => {
    const server = new Server({ name: "resumable-upstream", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
      closeEarly(extra);
      return { tools: ["late_answer", "secret_tool"].map((name) => ({ name, inputSchema: { type: "object" as const } })) };
    });
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const args = request.params.arguments ?? {};
      const resumed = nextResume();
      closeEarly(extra);
      if (args.afterResume === true) await resumed;
      if (args.outcome === "rpc_error") throw new McpError(ErrorCode.InternalError, "late failure");
      const isError = args.outcome === "is_error";
      return { content: [{ type: "text", text: isError ? "late failure" : "late success" }], isError };
    });
    return server;
  };

  const httpServer = http.createServer(async (req, res) => {
    if (req.method === "GET" && req.headers["last-event-id"]) {
      resumes++;
      for (const resolve of waiters.splice(0)) resolve();
    }
    const sessionId = req.headers["mcp-session-id"];
    let transport = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId) return void res.writeHead(404).end();
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore: new OrderedEventStore(),
        retryInterval: RETRY_MS,
        onsessioninitialized: (id) => void transports.set(id, created),
      });
      await buildServer().connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`,
    resumes: () => resumes,
    close: async () => {
      waiters = [];
      for (const transport of transports.values()) await transport.close().catch(() => {});
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

const limitedPolicy = (max: number) => ({
  version: "1",
  default: "deny",
  hide: ["secret_tool"],
  tools: { late_answer: { limits: [{ counter: "late", window: "hour", max }] } },
});

async function counterTotal(orgId: string): Promise<number> {
  const db = await getDb();
  const rows = await db.quotaCounter.findMany({ where: { orgId }, select: { count: true } });
  return rows.reduce((sum, row) => sum + Number(row.count), 0);
}

async function rowsOf(orgId: string, method: string) {
  const db = await getDb();
  return db.call.findMany({
    where: { orgId, method },
    orderBy: { id: "asc" },
    select: { decision: true, code: true, message: true, upstreamStatus: true, upstreamMs: true },
  });
}

function headers(token: string, sessionId?: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2025-11-25",
    ...(sessionId ? { "mcp-session-id": sessionId } : {}),
  };
}

async function openSession(url: string, token: string): Promise<string> {
  const params = { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } };
  const opened = await fetch(url, { method: "POST", headers: headers(token), body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params }) });
  const sessionId = opened.headers.get("mcp-session-id") ?? "";
  await opened.text();
  const initialized = JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" });
  await (await fetch(url, { method: "POST", headers: headers(token, sessionId), body: initialized })).text();
  return sessionId;
}

/** Posts a failing late_answer whose stream closes early; returns the priming event's id. */
async function detachCall(url: string, token: string, sessionId: string): Promise<string> {
  const call = { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "late_answer", arguments: { outcome: "is_error" } } };
  const text = await (await fetch(url, { method: "POST", headers: headers(token, sessionId), body: JSON.stringify(call) })).text();
  expect(text).not.toContain("late failure");
  return /^id: (.+)$/m.exec(text)?.[1] ?? "";
}

async function resume(url: string, token: string, sessionId: string, lastEventId: string): Promise<string> {
  const response = await fetch(url, { headers: { ...headers(token, sessionId), accept: "text/event-stream", "last-event-id": lastEventId } });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("late failure")) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

let upstream: ResumableUpstream;
let running: RunningProxy;

beforeAll(async () => {
  [upstream, running] = await Promise.all([startResumableUpstream(), startProxy()]);
});

afterAll(async () => {
  await running?.close();
  await upstream?.close();
});

describe("answers on a resumed GET stream", () => {
  it("settles a late success with the upstream status and a latency that includes the resume", async () => {
    const tenant = await createTenant(upstream.url);
    const { token } = await createGrantWithPolicy(tenant, limitedPolicy(5));
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const resumesBefore = upstream.resumes();
    const startedAt = performance.now();
    const result = await client.callTool({ name: "late_answer", arguments: { outcome: "success", afterResume: true } });
    const elapsedMs = performance.now() - startedAt;
    expect(textOf(result)).toBe("late success");
    expect(result.isError).toBeFalsy();
    expect(upstream.resumes()).toBeGreaterThan(resumesBefore);
    await running.proxy.drainCallLog();
    const [row] = await rowsOf(tenant.orgId, "tools/call");
    expect(row).toMatchObject({ decision: "allowed", code: "allowed", message: null, upstreamStatus: 200 });
    // Settled when the answer passed, not when the POST stream closed: the client waited RETRY_MS before resuming.
    expect(row?.upstreamMs).toBeGreaterThanOrEqual(RETRY_MS);
    expect(row?.upstreamMs).toBeLessThanOrEqual(Math.ceil(elapsedMs));
    expect(await counterTotal(tenant.orgId)).toBe(1);
    await client.close();
  });

  it("settles late errors as failures and gives their reservation back before the client sees them", async () => {
    const tenant = await createTenant(upstream.url);
    const { token } = await createGrantWithPolicy(tenant, limitedPolicy(1));
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const failed = await client.callTool({ name: "late_answer", arguments: { outcome: "is_error" } });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toBe("late failure");
    expect(await counterTotal(tenant.orgId)).toBe(0);
    await expect(client.callTool({ name: "late_answer", arguments: { outcome: "rpc_error", afterResume: true } })).rejects.toThrow(/late failure/);
    expect(await counterTotal(tenant.orgId)).toBe(0);
    // With both reservations back, the one call the limit allows still runs, and the next is limited.
    expect(textOf(await client.callTool({ name: "late_answer", arguments: { outcome: "success" } }))).toBe("late success");
    const limited = await client.callTool({ name: "late_answer", arguments: { outcome: "success" } });
    expect(limited._meta?.["toolgate/decision"]).toMatchObject({ code: "rate_limited" });
    await running.proxy.drainCallLog();
    const rows = await rowsOf(tenant.orgId, "tools/call");
    expect(rows.map(({ upstreamMs, ...rest }) => rest)).toEqual([
      { decision: "allowed", code: "allowed", message: "the tool reported an error (isError)", upstreamStatus: 200 },
      { decision: "allowed", code: "allowed", message: `JSON-RPC error ${ErrorCode.InternalError}`, upstreamStatus: 200 },
      { decision: "allowed", code: "allowed", message: null, upstreamStatus: 200 },
      expect.objectContaining({ decision: "denied", code: "rate_limited" }),
    ]);
    expect(rows.slice(0, 3).every((row) => row.upstreamMs !== null)).toBe(true);
    await client.close();
  });

  it("drops hidden tools from a tools/list answer that arrives late", async () => {
    const tenant = await createTenant(upstream.url);
    const { token } = await createGrantWithPolicy(tenant, limitedPolicy(5));
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["late_answer"]);
    await running.proxy.drainCallLog();
    expect(await rowsOf(tenant.orgId, "tools/list")).toEqual([
      expect.objectContaining({ decision: "forwarded", code: "forwarded", message: null, upstreamStatus: 200 }),
    ]);
    await client.close();
  });
});

describe("calls whose answer the forwarding instance never sees", () => {
  let first: RunningProxy;
  let second: RunningProxy;
  const idleTimeoutMs = 300;

  beforeAll(async () => {
    [first, second] = await Promise.all([startProxy({ upstreamTimeoutMs: idleTimeoutMs }), startProxy({ upstreamTimeoutMs: idleTimeoutMs })]);
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it("settles waiting calls as unanswered when their session is deleted", async () => {
    const tenant: Tenant = await createTenant(upstream.url);
    const { token } = await createGrantWithPolicy(tenant, limitedPolicy(5));
    const url = running.http.urlFor(tenant.serverId);
    const sessionId = await openSession(url, token);
    await detachCall(url, token, sessionId);
    await running.proxy.drainCallLog();
    expect((await rowsOf(tenant.orgId, "tools/call"))[0]).toMatchObject({ decision: "allowed", message: null, upstreamStatus: null });
    const deleted = await fetch(url, { method: "DELETE", headers: headers(token, sessionId) });
    expect(deleted.status).toBeLessThan(300);
    await running.proxy.drainCallLog();
    expect((await rowsOf(tenant.orgId, "tools/call"))[0]).toMatchObject({
      decision: "allowed",
      message: expect.stringMatching(/^The session ended before the answer arrived/),
      upstreamStatus: 200,
      upstreamMs: null,
    });
    expect(await counterTotal(tenant.orgId)).toBe(1);
  });

  it("keeps the reservation when the client resumes through another instance, and the call expires as unanswered", async () => {
    const tenant: Tenant = await createTenant(upstream.url);
    const { token } = await createGrantWithPolicy(tenant, limitedPolicy(5));
    const sessionId = await openSession(first.http.urlFor(tenant.serverId), token);
    const lastEventId = await detachCall(first.http.urlFor(tenant.serverId), token, sessionId);
    expect(lastEventId).not.toBe("");
    const resumed = await resume(second.http.urlFor(tenant.serverId), token, sessionId, lastEventId);
    expect(resumed).toContain('"isError":true');
    // The second instance does not know the call: the answer passed unchanged and nothing was settled or given back.
    expect(await counterTotal(tenant.orgId)).toBe(1);
    await expect
      .poll(async () => (await rowsOf(tenant.orgId, "tools/call"))[0], { timeout: 10_000, interval: 50 })
      .toMatchObject({ decision: "allowed", code: "allowed", message: expect.stringMatching(/^No answer arrived on a resumed stream/), upstreamMs: null });
    expect((await rowsOf(tenant.orgId, "tools/call"))[0]?.upstreamStatus).toBe(200);
    expect(await counterTotal(tenant.orgId)).toBe(1);
  });
});
