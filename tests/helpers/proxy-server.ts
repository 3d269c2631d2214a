/**
 * Serves proxy route handlers over node:http on a free loopback port, so real MCP clients can talk
 * to them: IncomingMessage becomes a web Request with a streaming body and an abort signal that
 * fires when the client goes away, and the Response body is streamed back chunk by chunk.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

type RouteContext = { params: Promise<{ serverId: string }> };
export type RouteHandlers = {
  GET: (request: Request, context: RouteContext) => Promise<Response>;
  POST: (request: Request, context: RouteContext) => Promise<Response>;
  DELETE: (request: Request, context: RouteContext) => Promise<Response>;
};

export type ProxyServer = { url: string; urlFor: (serverId: string) => string; close: () => Promise<void> };

export async function startProxyServer(handlers: RouteHandlers, port = 0): Promise<ProxyServer> {
  const server = http.createServer((req, res) => void serve(handlers, req, res));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    urlFor: (serverId) => `${url}/mcp/${serverId}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(handlers: RouteHandlers, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const match = /^\/mcp\/([^/?]+)/.exec(req.url ?? "");
  const method = req.method as keyof RouteHandlers;
  if (!match?.[1] || !(method in handlers)) {
    res.writeHead(404).end();
    return;
  }
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", req.socket.remoteAddress ?? "");
  const hasBody = method === "POST";
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: abort.signal,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  let response: Response;
  try {
    response = await handlers[method](request, { params: Promise.resolve({ serverId: decodeURIComponent(match[1]) }) });
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    return;
  }
  const responseHeaders = Object.fromEntries(response.headers);
  // A body the handler stopped reading (413) leaves the connection unusable for the next request.
  if (hasBody && !req.complete) responseHeaders.connection = "close";
  res.writeHead(response.status, responseHeaders);
  if (!response.body) {
    res.end();
    return;
  }
  // An event stream may stay quiet for long: its headers go out at once. Other writes are corked
  // until the next turn, so headers, a short body and its end leave in one write (syscalls are
  // what a small proxied call mostly costs).
  if (req.method === "GET") res.flushHeaders();
  const reader = response.body.getReader();
  res.on("close", () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      res.cork();
      setImmediate(() => res.uncork());
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise((resolve) => res.once("drain", resolve));
    }
    res.end();
  } catch {
    res.destroy();
  }
}
