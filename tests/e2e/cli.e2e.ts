/**
 * The `toolgate` command line end to end, as a self-hoster's script would use it: bootstrap an
 * organisation on an empty database (with the app stopped: PGlite is one process per folder),
 * start the built app on that database, then add a server, apply the seed policy from its file,
 * mint a grant, make calls through the proxy with the MCP SDK client, and tail them.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import seedPolicy from "../fixtures/seed-policy.json";
import { childEnv, createE2eEnvironment, startApp } from "../helpers/e2e-app";
import { startServerEverything, type Upstream } from "../helpers/mcp-upstream";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const hasProxyRoute = existsSync(path.join(root, "app/mcp/[serverId]/route.ts"));

async function toolgate(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, "scripts/toolgate.mjs"), ...args], { cwd: root, env: childEnv(env) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("toolgate command line", () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let upstream: Upstream;
  let client: Record<string, string>;
  let serverId = "";
  let policyId = "";
  let token = "";
  let proxyUrl = "";
  const workDir = mkdtempSync(path.join(tmpdir(), "toolgate-cli-"));

  beforeAll(async () => {
    ({ env, cleanup } = await createE2eEnvironment());
    upstream = await startServerEverything();
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
    await cleanup?.();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("bootstraps an organisation and an admin API key on an empty database, before the app runs", async () => {
    const created = await toolgate(["admin", "create-org", "--name", "Gate Works", "--email", "ops@gate.test", "--password", "a long enough passphrase"], env);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const result = JSON.parse(created.stdout);
    expect(result).toMatchObject({ orgSlug: "gate-works", email: "ops@gate.test" });
    expect(result.apiKey).toMatch(/^tgk_/);
    const again = await toolgate(["admin", "create-org", "--name", "Gate Works", "--email", "ops@gate.test", "--password", "a long enough passphrase"], env);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain("already exists");

    app = await startApp(env);
    client = { ...env, TOOLGATE_URL: app.url, TOOLGATE_API_KEY: result.apiKey };
  });

  it("refuses client commands with a clear message and exit code when the key is wrong or arguments are missing", async () => {
    const badKey = await toolgate(["servers", "list"], { ...client, TOOLGATE_API_KEY: "tgk_wrong" });
    expect(badKey.code).toBe(3);
    expect(badKey.stderr).toContain("invalid, revoked or expired");
    const usage = await toolgate(["servers", "add", "--name", "x"], client);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--url");
  });

  it("adds a server and lists it", async () => {
    const added = await toolgate(["servers", "add", "--name", "everything", "--url", upstream.url, "--json"], client);
    expect(added.code).toBe(0);
    const server = JSON.parse(added.stdout);
    serverId = server.id;
    proxyUrl = server.proxyUrl;
    expect(proxyUrl).toBe(`${app?.url}/mcp/${serverId}`);
    const listed = await toolgate(["servers", "list"], client);
    expect(listed.stdout).toContain(serverId);
    expect(listed.stdout).toContain("everything");
  });

  it("applies the seed policy file, leaves it unchanged on a second apply and versions a changed file with a diff", async () => {
    const seedFile = path.join(root, "tests/fixtures/seed-policy.json");
    const first = await toolgate(["policies", "apply", seedFile, "--server", serverId, "--name", "seed", "--json"], client);
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout);
    expect(created).toMatchObject({ change: "created", version: 1 });
    policyId = created.policyId;
    const second = await toolgate(["policies", "apply", seedFile, "--server", serverId, "--name", "seed"], client);
    expect(second.stdout).toContain("Unchanged");

    const changedFile = path.join(workDir, "policy.json");
    writeFileSync(changedFile, JSON.stringify({ ...seedPolicy, tools: { ...seedPolicy.tools, echo: {} } }, null, 2));
    const third = await toolgate(["policies", "apply", changedFile, "--server", serverId, "--name", "seed"], client);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/^\+ {5}"echo": \{\}/m);
    expect(third.stdout).toContain("version 2");

    const exported = await toolgate(["policies", "export", "--server", serverId, "--name", "seed"], client);
    expect(JSON.parse(exported.stdout)).toEqual({ ...seedPolicy, tools: { ...seedPolicy.tools, echo: {} } });

    const invalidFile = path.join(workDir, "invalid.json");
    writeFileSync(invalidFile, JSON.stringify({ version: "1", default: "sometimes" }));
    const invalid = await toolgate(["policies", "apply", invalidFile, "--server", serverId, "--name", "seed"], client);
    expect(invalid.code).toBe(5);
    expect(invalid.stderr).toContain("/default");
  });

  it("mints a grant with the policy", async () => {
    const minted = await toolgate(["grants", "mint", "--server", serverId, "--label", "agent-1", "--policy", policyId, "--json"], client);
    expect(minted.code).toBe(0);
    const grant = JSON.parse(minted.stdout);
    expect(grant).toMatchObject({ label: "agent-1", policyId, policyName: "seed" });
    token = grant.token;
    expect(token).toMatch(/^tg_/);
  });

  it("runs the quickstart script: only npx toolgate and curl, from an API key to a working grant", async () => {
    const policyFile = path.join(workDir, "quickstart-policy.json");
    writeFileSync(policyFile, JSON.stringify(seedPolicy));
    const { stdout } = await run("bash", [path.join(root, "scripts/quickstart.sh"), upstream.url, policyFile], {
      cwd: root,
      env: childEnv({ ...client, SERVER_NAME: "quickstart", POLICY_NAME: "quickstart" }),
    });
    expect(stdout).toMatch(/proxy URL: http:\/\/127\.0\.0\.1:\d+\/mcp\/c[a-z0-9]+/);
    expect(stdout).toMatch(/grant token: tg_[A-Za-z0-9_-]{43}/);
    expect(stdout).toContain('"serverInfo"');
  });

  it.runIf(hasProxyRoute)("makes calls with the SDK client through the proxy and tails them", async () => {
    const mcp = new Client({ name: "cli-e2e", version: "1.0.0" });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(proxyUrl), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    const allowed = await mcp.callTool({ name: "echo", arguments: { message: "hello" } });
    expect(allowed.isError).toBeFalsy();
    const denied = await mcp.callTool({ name: "get-sum", arguments: { a: 1, b: 2 } });
    expect(denied.isError).toBe(true);
    await mcp.close();

    const tail = await toolgate(["calls", "tail", "--server", serverId, "--json"], client);
    expect(tail.code).toBe(0);
    const calls = tail.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const toolCalls = calls.filter((call) => call.method === "tools/call");
    expect(toolCalls.map((call) => [call.tool, call.decision])).toEqual([
      ["echo", "allowed"],
      ["get-sum", "denied"],
    ]);
    const deniedOnly = await toolgate(["calls", "tail", "--decision", "denied"], client);
    expect(deniedOnly.stdout).toContain("get-sum");
    expect(deniedOnly.stdout).not.toContain("echo");
  });
});
