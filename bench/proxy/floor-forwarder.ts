/**
 * The floor the proxy is measured against: the least any proxy of this design can do per call on
 * this machine. It receives the POST over node:http, makes one prepared-statement round trip to
 * PostgreSQL (where Toolgate reserves the quota and writes the row), forwards the bytes to the
 * upstream on a keep-alive socket and pipes the answer back. No authentication, no policy, no
 * parsing: whatever the real proxy spends above this is its own.
 *
 *   node --import ./scripts/node-hooks.mjs bench/proxy/floor-forwarder.ts UPSTREAM_URL
 *
 * DATABASE_URL comes from the environment; prints `ready <url>` once it serves.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";

const upstream = new URL(process.argv[2] ?? "");
const databaseUrl = new URL(process.env.DATABASE_URL ?? "");
databaseUrl.searchParams.delete("schema");
const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 16 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const ROUND_TRIP = { name: "floor_round_trip", text: "SELECT $1::text AS token" };
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host", "content-length"]);

function forwardableHeaders(headers: http.IncomingHttpHeaders): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) result[name] = value;
  return result;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    const body = Buffer.concat(chunks);
    try {
      await pool.query({ ...ROUND_TRIP, values: [String(req.headers["mcp-session-id"] ?? "")] });
    } catch {
      res.writeHead(503).end();
      return;
    }
    const headers = { ...forwardableHeaders(req.headers), "content-length": String(body.byteLength) };
    const outgoing = http.request(upstream, { method: req.method, headers, agent }, (incoming) => {
      res.writeHead(incoming.statusCode ?? 502, forwardableHeaders(incoming.headers));
      incoming.pipe(res);
    });
    outgoing.on("error", () => res.destroy());
    outgoing.end(body);
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close();
  void pool.end().finally(() => process.exit(0));
});
