/**
 * Real MCP upstreams for proxy tests, each on a free loopback port and stopped by `close()`:
 * server-everything (Streamable HTTP), server-memory behind `mcp-proxy --host 127.0.0.1`
 * (destructive tools, and the 2026-07-28 stateless revision), and an in-process SDK server whose
 * tools exercise sampling, elicitation, progress, logging and failures.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

export type Upstream = { url: string; close: () => Promise<void>; process?: ChildProcess };

const root = path.resolve(import.meta.dirname, "../..");

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, deadlineMs = 15_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (connected) return;
    if (Date.now() > deadline) throw new Error(`Port ${port} did not open.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resolves when the child prints `readyPattern` (its own "listening" line), rejects if it exits first. */
function spawnUntilReady(command: string, args: string[], env: Record<string, string>, readyPattern: RegExp): Promise<ChildProcess & { readyOutput: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyPattern.test(output)) {
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(Object.assign(child, { readyOutput: output }));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

export async function startServerEverything(): Promise<Upstream> {
  const port = await findFreePort();
  const child = await spawnUntilReady(
    process.execPath,
    [path.join(root, "node_modules/@modelcontextprotocol/server-everything/dist/index.js"), "streamableHttp"],
    { PORT: String(port) },
    /listening on port/i,
  );
  return { url: `http://127.0.0.1:${port}/mcp`, process: child, close: () => stopChild(child) };
}

export async function startMemoryServer(): Promise<Upstream> {
  const port = await findFreePort();
  const child = await spawnUntilReady(
    process.execPath,
    [
      path.join(root, "node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs"),
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--server",
      "stream",
      "--",
      process.execPath,
      path.join(root, "node_modules/@modelcontextprotocol/server-memory/dist/index.js"),
    ],
    { MEMORY_FILE_PATH: path.join("/tmp", `toolgate-memory-${randomUUID()}.jsonl`) },
    /starting server on port/i,
  );
  // mcp-proxy prints that line just before it listens: wait for the port itself.
  await waitForPort(port);
  return { url: `http://127.0.0.1:${port}/mcp`, process: child, close: () => stopChild(child) };
}

/** Tools of the in-process upstream; `calls` counts executions so tests can prove denials never arrive. */
export type SdkUpstream = Upstream & { calls: Map<string, number>; requestHeaders: http.IncomingHttpHeaders[] };

function buildSdkServer(calls: Map<string, number>): McpServer {
  const server = new McpServer({ name: "toolgate-test-upstream", version: "1.0.0" }, { capabilities: { logging: {} } });
  const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  server.registerTool("focus_export_session", { description: "Export a session", inputSchema: { format: z.string().optional() } }, async ({ format }) => {
    count("focus_export_session");
    return { content: [{ type: "text", text: `exported as ${format ?? "json"}` }] };
  });
  server.registerTool("other_tool", { description: "Any other tool" }, async () => {
    count("other_tool");
    return { content: [{ type: "text", text: "other" }] };
  });
  server.registerTool("failing_tool", { description: "Always reports an error" }, async () => {
    count("failing_tool");
    return { content: [{ type: "text", text: "boom" }], isError: true };
  });
  server.registerTool("ask_model", { description: "Uses sampling", inputSchema: { question: z.string() } }, async ({ question }, extra) => {
    count("ask_model");
    const answer = await extra.sendRequest(
      { method: "sampling/createMessage", params: { messages: [{ role: "user", content: { type: "text", text: question } }], maxTokens: 50 } },
      z.object({ content: z.object({ type: z.string(), text: z.string().optional() }) }).passthrough(),
    );
    return { content: [{ type: "text", text: `model said: ${answer.content.text}` }] };
  });
  server.registerTool("ask_user", { description: "Uses elicitation" }, async () => {
    count("ask_user");
    const answer = await server.server.elicitInput({
      message: "Your name?",
      requestedSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    });
    return { content: [{ type: "text", text: `user said: ${JSON.stringify(answer.content ?? null)} (${answer.action})` }] };
  });
  server.registerTool("work_with_progress", { description: "Reports progress and logs", inputSchema: { steps: z.number() } }, async ({ steps }, extra) => {
    count("work_with_progress");
    const token = extra._meta?.progressToken;
    for (let step = 1; step <= steps; step++) {
      await extra.sendNotification({ method: "notifications/message", params: { level: "info", data: `step ${step}` } });
      if (token !== undefined)
        await extra.sendNotification({ method: "notifications/progress", params: { progressToken: token, progress: step, total: steps } });
    }
    return { content: [{ type: "text", text: `done ${steps}` }] };
  });
  server.registerTool("announce", { description: "Sends a notification on the session's GET stream" }, async () => {
    count("announce");
    server.sendToolListChanged();
    return { content: [{ type: "text", text: "announced" }] };
  });
  return server;
}

/** A stateful SDK server over node:http, one McpServer per session. */
export async function startSdkUpstream(): Promise<SdkUpstream> {
  const calls = new Map<string, number>();
  const requestHeaders: http.IncomingHttpHeaders[] = [];
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const httpServer = http.createServer(async (req, res) => {
    requestHeaders.push(req.headers);
    const sessionId = req.headers["mcp-session-id"];
    let transport = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32001, message: "Session not found" } }));
        return;
      }
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void transports.set(id, created),
      });
      created.onclose = () => {
        if (created.sessionId) transports.delete(created.sessionId);
      };
      await buildSdkServer(calls).connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    requestHeaders,
    close: async () => {
      for (const transport of transports.values()) await transport.close().catch(() => {});
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** A proxy served by a child process (tests/helpers/proxy-child.ts) on the test's database. */
export async function startProxyChild(
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<{ url: string; process: ChildProcess; close: () => Promise<void>; stop: () => Promise<void> }> {
  const child = await spawnUntilReady(
    process.execPath,
    [...nodeArgs, "--import", "./scripts/node-hooks.mjs", path.join(root, "tests/helpers/proxy-child.ts")],
    env,
    /ready http:\/\/\S+\n/,
  );
  const url = /ready (http:\/\/\S+)\n/.exec(child.readyOutput)?.[1] ?? "";
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, process: child, close: () => stopChild(child), stop };
}
