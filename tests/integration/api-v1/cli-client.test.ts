/**
 * The command line's client commands against the real /api/v1 route handlers, served over HTTP in
 * this process (the built app is exercised by tests/e2e/cli.e2e.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Endpoint } from "@/lib/api/endpoint";
import { API_ENDPOINTS } from "@/lib/api/endpoints";
import { main } from "@/lib/cli/main";
import { getDb } from "@/lib/db/client";
import seedPolicy from "@/tests/fixtures/seed-policy.json";
import { createApiOrg } from "./api-helpers";

const root = path.resolve(import.meta.dirname, "../../..");
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function buildRouter() {
  const routes: Array<{ endpoint: Endpoint; pattern: RegExp; handler: Handler }> = [];
  for (const endpoint of API_ENDPOINTS) {
    const module = (await import(path.join(root, "app/api/v1", endpoint.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts"))) as Record<string, Handler>;
    const pattern = new RegExp(`^/api/v1${endpoint.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`);
    routes.push({ endpoint, pattern, handler: module[endpoint.method] as Handler });
  }
  return routes;
}

async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const routes = await buildRouter();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = routes.find((candidate) => candidate.endpoint.method === req.method && candidate.pattern.test(url.pathname));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const params = { ...(route.pattern.exec(url.pathname)?.groups ?? {}) };
    const headers = new Headers(Object.entries(req.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const response = await route.handler(new Request(new URL(url.pathname + url.search, `http://${req.headers.host}`), { method: req.method, headers, body }), {
      params: Promise.resolve(params),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe("toolgate client commands", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let workDir: string;
  beforeAll(async () => {
    server = await startServer();
    workDir = mkdtempSync(path.join(tmpdir(), "toolgate-cli-test-"));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("adds a server, applies a policy file with a diff, mints a grant and tails the calls", async () => {
    const { org, keys } = await createApiOrg("cli");
    const clientConfig = { url: server.url, apiKey: keys.admin };
    const toolgate = async (argv: string[]) => {
      const io = capture();
      const code = await main(argv, { output: io.output, clientConfig });
      return { code, out: io.out.join("\n"), err: io.err.join("\n") };
    };

    const added = await toolgate(["servers", "add", "--name", "crm", "--url", "https://crm.example.test/mcp", "--header", "Authorization: Bearer x", "--json"]);
    expect(added.code).toBe(0);
    const serverId = JSON.parse(added.out).id as string;
    expect(JSON.parse(added.out).credentialHeaderNames).toEqual(["Authorization"]);
    expect((await toolgate(["servers", "list"])).out).toMatch(new RegExp(`^${serverId}\\s+crm\\s+https://crm.example.test/mcp`, "m"));

    const seedFile = path.join(root, "tests/fixtures/seed-policy.json");
    const created = await toolgate(["policies", "apply", seedFile, "--server", serverId, "--name", "seed"]);
    expect(created.code).toBe(0);
    expect(created.out).toContain("Created policy seed");
    expect(created.out).toContain('+   "default": "deny",');
    const unchanged = await toolgate(["policies", "apply", seedFile, "--server", serverId, "--name", "seed", "--json"]);
    expect(JSON.parse(unchanged.out)).toMatchObject({ change: "unchanged", version: 1 });
    const changedFile = path.join(workDir, "changed.json");
    writeFileSync(changedFile, JSON.stringify({ ...seedPolicy, default: "allow" }));
    const updated = await toolgate(["policies", "apply", changedFile, "--server", serverId, "--name", "seed"]);
    expect(updated.out).toContain('-   "default": "deny",');
    expect(updated.out).toContain('+   "default": "allow",');
    expect(updated.out).toContain("version 2");
    const policyId = JSON.parse(unchanged.out).policyId as string;
    const exportFile = path.join(workDir, "export.json");
    expect((await toolgate(["policies", "export", "--policy", policyId, "--out", exportFile])).code).toBe(0);

    const minted = await toolgate(["grants", "mint", "--server", serverId, "--label", "agent", "--policy", policyId, "--json"]);
    const grant = JSON.parse(minted.out);
    expect(grant.token).toMatch(/^tg_/);

    const db = await getDb();
    await db.call.createMany({
      data: [
        {
          orgId: org.id,
          serverId,
          grantId: grant.id,
          grantLabel: "agent",
          method: "tools/call",
          tool: "read",
          decision: "allowed",
          code: "allowed",
          totalMs: 1,
          argumentKeys: [],
        },
        {
          orgId: org.id,
          serverId,
          grantId: grant.id,
          grantLabel: "agent",
          method: "tools/call",
          tool: "drop",
          decision: "denied",
          code: "tool_denied",
          totalMs: 1,
          argumentKeys: [],
        },
      ],
    });
    const tail = await toolgate(["calls", "tail", "--grant", grant.id, "--decision", "denied", "--json"]);
    expect(tail.out.split("\n").map((line) => JSON.parse(line).tool)).toEqual(["drop"]);
  });

  it("exits with a code per kind of failure and prints the API's field errors", async () => {
    const { keys } = await createApiOrg("cli-errors");
    const run = async (argv: string[], apiKey = keys.admin) => {
      const io = capture();
      return { code: await main(argv, { output: io.output, clientConfig: { url: server.url, apiKey } }), err: io.err.join("\n") };
    };
    expect(await run(["servers", "list"], "tgk_wrong")).toMatchObject({ code: 3 });
    expect(await run(["servers", "add", "--name", "x", "--url", "https://x.example.test/mcp"], keys.viewer)).toMatchObject({ code: 3 });
    const invalid = await run(["servers", "add", "--name", "x", "--url", "ftp://nope"]);
    expect(invalid.code).toBe(5);
    expect(invalid.err).toMatch(/url: /);
    expect(await run(["policies", "export", "--policy", "missing"])).toMatchObject({ code: 4 });
    expect(await run(["servers", "frobnicate"])).toMatchObject({ code: 2 });
    expect(await run(["servers", "list", "--colour"])).toMatchObject({ code: 2 });
    const badJson = path.join(workDir, "bad.json");
    writeFileSync(badJson, "{");
    expect(await run(["policies", "apply", badJson, "--server", "s", "--name", "n"])).toMatchObject({ code: 5 });
  });
});
