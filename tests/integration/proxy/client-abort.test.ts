/**
 * Client aborts through the proxy: a client that closes its HTTP request in the middle of a
 * tools/call makes the proxy close its own request to the upstream (seen on the upstream's side,
 * not inferred from timing), settles the call's row as not successful, and gives the call's
 * rate-limit reservation back, both before the upstream sent headers (JSON answers) and in the
 * middle of an event stream (after a progress notification). A host reports a gone client in two
 * ways, the request's abort signal and a cancelled response body; each is also tested on its own,
 * by calling the route handler directly. The upstream is an in-process SDK server whose tool runs
 * until its client goes away.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Upstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, type RunningProxy, startProxy, type Tenant } from "./fixtures";

const EVENT_TIMEOUT_MS = 5_000;
const TOOL = "run_until_released";
const policy = { version: "1", default: "deny", tools: { [TOOL]: { limits: [{ counter: "runs", window: "hour", max: 5 }] } } };

let jsonUpstream: WaitingUpstream;
let sseUpstream: WaitingUpstream;
let running: RunningProxy;

beforeAll(async () => {
  [jsonUpstream, sseUpstream, running] = await Promise.all([startWaitingUpstream({ isJson: true }), startWaitingUpstream({ isJson: false }), startProxy()]);
});

afterAll(async () => {
  await running?.close();
  await Promise.all([jsonUpstream?.close(), sseUpstream?.close()]);
});

describe("client aborts", () => {
  it("closes the upstream request when the client aborts before the upstream sent headers", async () => {
    const call = await openSession(jsonUpstream);
    const aborter = new AbortController();
    const pending = fetch(call.url, toolCallInit(call, { hasProgress: false, signal: aborter.signal }));
    pending.catch(() => {});
    await within(jsonUpstream.started(call.id), "the upstream to start the tool");
    expect(await counterTotal(call.tenant.orgId)).toBe(1);
    aborter.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await within(jsonUpstream.closedEarly(call.id), "the upstream to see its request closed");
    await expectSettledAsAborted(call);
  });

  it("closes the upstream request when the client aborts in the middle of an event stream", async () => {
    const call = await openSession(sseUpstream);
    const aborter = new AbortController();
    const response = await fetch(call.url, toolCallInit(call, { hasProgress: true, signal: aborter.signal }));
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await within(readUntil(reader, "notifications/progress"), "the progress notification");
    expect(await counterTotal(call.tenant.orgId)).toBe(1);
    aborter.abort();
    await within(sseUpstream.closedEarly(call.id), "the upstream to see its request closed");
    await expectSettledAsAborted(call);
  });

  it("closes the upstream request when the host only cancels the response body", async () => {
    const call = await openSession(sseUpstream);
    const response = await running.proxy.POST(new Request(call.url, toolCallInit(call, { hasProgress: true })), routeContext(call));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await within(readUntil(reader, "notifications/progress"), "the progress notification");
    expect(await counterTotal(call.tenant.orgId)).toBe(1);
    await reader.cancel();
    await within(sseUpstream.closedEarly(call.id), "the upstream to see its request closed");
    await expectSettledAsAborted(call);
  });

  it("closes the upstream request when the host only aborts the request's signal", async () => {
    const call = await openSession(sseUpstream);
    const aborter = new AbortController();
    const request = new Request(call.url, toolCallInit(call, { hasProgress: true, signal: aborter.signal }));
    const response = await running.proxy.POST(request, routeContext(call));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await within(readUntil(reader, "notifications/progress"), "the progress notification");
    expect(await counterTotal(call.tenant.orgId)).toBe(1);
    aborter.abort();
    await within(sseUpstream.closedEarly(call.id), "the upstream to see its request closed");
    await expectSettledAsAborted(call);
    await reader.cancel();
  });

  it("lets a call that is not aborted finish its upstream exchange normally", async () => {
    for (const upstream of [jsonUpstream, sseUpstream]) {
      const call = await openSession(upstream);
      const pending = fetch(call.url, toolCallInit(call, { hasProgress: false }));
      await within(upstream.started(call.id), "the upstream to start the tool");
      upstream.release(call.id);
      const text = await (await pending).text();
      expect(text).toContain("released");
      await within(upstream.finished(call.id), "the upstream to finish its answer");
      await running.proxy.drainCallLog();
      expect(await findCallRow(call)).toMatchObject({ decision: "allowed", code: "allowed", upstreamStatus: 200 });
      expect(await counterTotal(call.tenant.orgId)).toBe(1);
    }
  });
});

type OpenCall = { url: string; token: string; sessionId: string; id: string; tenant: Tenant };

/** A tenant whose server is `upstream`, a grant limited on the tool, and a session opened by the SDK client. */
async function openSession(upstream: WaitingUpstream): Promise<OpenCall> {
  const tenant = await createTenant(upstream.url);
  const { token } = await createGrantWithPolicy(tenant, policy);
  const url = running.http.urlFor(tenant.serverId);
  const { client, transport } = await connectClient(url, token);
  // Only the session is needed: the call itself goes over fetch, whose signal closes the HTTP request.
  const sessionId = transport.sessionId as string;
  await client.close();
  return { url, token, sessionId, id: randomUUID(), tenant };
}

/**
 * For fetch rather than the SDK client: the SDK's per-request `signal` only sends
 * notifications/cancelled and leaves the HTTP request open, so it cannot show that a closed
 * connection reaches the upstream.
 */
function toolCallInit(call: OpenCall, { hasProgress, signal }: { hasProgress: boolean; signal?: AbortSignal }): RequestInit {
  const params = { name: TOOL, arguments: {}, ...(hasProgress ? { _meta: { progressToken: call.id } } : {}) };
  return {
    method: "POST",
    headers: {
      authorization: `Bearer ${call.token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-session-id": call.sessionId,
      "mcp-protocol-version": "2025-11-25",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: call.id, method: "tools/call", params }),
    signal,
  };
}

function routeContext(call: OpenCall) {
  return { params: Promise.resolve({ serverId: call.tenant.serverId }) };
}

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, marker: string): Promise<void> {
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(marker)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`The stream ended before "${marker}" arrived:\n${text}`);
    text += decoder.decode(value, { stream: true });
  }
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${EVENT_TIMEOUT_MS} ms waiting for ${what}.`)), EVENT_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function findCallRow(call: OpenCall) {
  const db = await getDb();
  return db.call.findFirst({
    where: { orgId: call.tenant.orgId, requestId: call.id, method: "tools/call" },
    select: { decision: true, code: true, message: true, upstreamStatus: true },
  });
}

async function counterTotal(orgId: string): Promise<number> {
  const db = await getDb();
  const rows = await db.quotaCounter.findMany({ where: { orgId }, select: { count: true } });
  return rows.reduce((sum, row) => sum + Number(row.count), 0);
}

/**
 * The proxy settles the row and releases the reservation on its own schedule after the abort,
 * so both are polled up to a deadline; neither has an event the test could wait on.
 */
async function expectSettledAsAborted(call: OpenCall): Promise<void> {
  await expect
    .poll(
      async () => {
        await running.proxy.drainCallLog();
        return findCallRow(call);
      },
      { timeout: EVENT_TIMEOUT_MS },
    )
    .toMatchObject({ decision: "error", code: "client_closed", message: expect.stringMatching(/client closed/i) });
  await expect.poll(() => counterTotal(call.tenant.orgId), { timeout: EVENT_TIMEOUT_MS }).toBe(0);
}

type WaitingUpstream = Upstream & {
  /** Resolves when the tools/call with this JSON-RPC id starts running upstream. */
  started: (id: string) => Promise<void>;
  /** Resolves when the upstream's HTTP exchange for that call closes before its answer was complete. */
  closedEarly: (id: string) => Promise<void>;
  /** Resolves when the upstream wrote that call's whole answer. */
  finished: (id: string) => Promise<void>;
  /** Lets the tool answer. */
  release: (id: string) => void;
};

/**
 * A stateful SDK server whose one tool reports progress (when asked) and then runs until released.
 * `isJson` answers POSTs with plain JSON, so nothing (not even headers) is sent before the tool
 * returns; otherwise answers are event streams opened at once.
 */
async function startWaitingUpstream({ isJson }: { isJson: boolean }): Promise<WaitingUpstream> {
  const started = createLatches();
  const closedEarly = createLatches();
  const finished = createLatches();
  const released = createLatches();
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const buildServer = () => {
    const server = new McpServer({ name: "toolgate-abort-upstream", version: "1.0.0" });
    server.registerTool(TOOL, { description: "Runs until released" }, async (extra) => {
      const id = String(extra.requestId);
      started(id).resolve();
      const progressToken = extra._meta?.progressToken;
      if (progressToken !== undefined) await extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress: 1, total: 2 } });
      await released(id).promise;
      return { content: [{ type: "text", text: "released" }] };
    });
    return server;
  };
  const httpServer = http.createServer(async (req, res) => {
    const body: unknown = req.method === "POST" ? JSON.parse(Buffer.concat(await req.toArray()).toString("utf8")) : undefined;
    const message = body as { id?: unknown; method?: unknown } | undefined;
    if (message?.method === "tools/call") {
      const id = String(message.id);
      res.on("close", () => {
        if (res.writableFinished) return finished(id).resolve();
        closedEarly(id).resolve();
        released(id).resolve();
      });
    }
    const sessionId = req.headers["mcp-session-id"];
    let transport = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
    if (!transport) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: isJson,
        onsessioninitialized: (id) => void transports.set(id, created),
      });
      created.onclose = () => {
        if (created.sessionId) transports.delete(created.sessionId);
      };
      await buildServer().connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    started: (id) => started(id).promise,
    closedEarly: (id) => closedEarly(id).promise,
    finished: (id) => finished(id).promise,
    release: (id) => released(id).resolve(),
    close: async () => {
      released.resolveAll();
      for (const transport of transports.values()) await transport.close().catch(() => {});
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

type Latch = { promise: Promise<void>; resolve: () => void };

/** One promise per id, created by whichever side asks first. */
function createLatches(): ((id: string) => Latch) & { resolveAll: () => void } {
  const latches = new Map<string, Latch>();
  const get = (id: string): Latch => {
    let latch = latches.get(id);
    if (!latch) {
      let resolve = () => {};
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      latch = { promise, resolve };
      latches.set(id, latch);
    }
    return latch;
  };
  const resolveAll = () => {
    for (const latch of latches.values()) latch.resolve();
  };
  return Object.assign(get, { resolveAll });
}
