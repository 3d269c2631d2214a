/** Sets up tenant, upstream and proxy process, then runs the interleaved blocks and prints the table. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { getDb } from "@/lib/db/client";
import { mintGrant } from "@/lib/db/grants";
import { createOrganization } from "@/lib/db/orgs";
import { createPolicy } from "@/lib/db/policies";
import { createServer } from "@/lib/db/servers";
import { createUserWithPassword } from "@/lib/db/users";
import { startProxyChild, startServerEverything } from "../../tests/helpers/mcp-upstream";
import { type ModeResult, readProcessCpuMicros, summarise } from "./stats";

type Options = { warmupCalls: number; rounds: number; blockCalls: Record<1 | 16, number>; proxyNodeArgs?: string[] };

const POLICY = { version: "1", default: "deny", tools: { echo: { limits: [{ counter: "bench", window: "day", max: 100_000_000 }] } } };

async function connect(url: string, token?: string): Promise<Client> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const client = new Client({ name: "toolgate-bench", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

async function runBlock(client: Client, calls: number, concurrency: number, into: ModeResult): Promise<void> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < calls) {
      next++;
      const t0 = performance.now();
      const result = await client.callTool({ name: "echo", arguments: { message: "bench" } });
      into.latenciesMs.push(performance.now() - t0);
      if (result.isError) throw new Error(`Call failed: ${JSON.stringify(result)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  into.elapsedMs += performance.now() - started;
  into.calls += calls;
}

export async function runBenchmark(options: Options): Promise<void> {
  const upstream = await startServerEverything();
  const user = await createUserWithPassword({ email: `bench-${Date.now()}@example.test`, name: "bench", passwordHash: "x" });
  const actor = { userId: user.id, label: user.email, ip: "127.0.0.1" };
  const org = await createOrganization({ userId: user.id, name: `bench ${Date.now()}`, actor });
  const server = await createServer({ orgId: org.id, data: { name: "everything", url: upstream.url }, actor });
  const policy = await createPolicy({ orgId: org.id, serverId: server.id, name: "bench", document: POLICY, actor });
  const { token } = await mintGrant({ orgId: org.id, serverId: server.id, label: "bench", policyId: policy.id, actor });
  const proxy = await startProxyChild({}, options.proxyNodeArgs);
  const pid = proxy.process.pid as number;
  const direct = await connect(upstream.url);
  const proxied = await connect(`${proxy.url}/mcp/${server.id}`, token);
  try {
    const scratch: ModeResult = { latenciesMs: [], elapsedMs: 0, calls: 0 };
    await runBlock(direct, options.warmupCalls, 4, scratch);
    await runBlock(proxied, options.warmupCalls, 4, scratch);
    console.log(`Proxy overhead: tools/call echo, server-everything, policy with a limit, call log on, PostgreSQL. ${options.rounds} interleaved rounds.\n`);
    console.log("conc  mode      p50 ms   p99 ms   calls/s   added p50   added p99   ratio p50  proxy CPU/call");
    for (const concurrency of [1, 16] as const) {
      const results = { direct: { latenciesMs: [], elapsedMs: 0, calls: 0 } as ModeResult, proxied: { latenciesMs: [], elapsedMs: 0, calls: 0 } as ModeResult };
      let proxyCpuMicros = 0;
      let upstreamCpuMicros = 0;
      const upstreamPid = upstream.process?.pid as number;
      for (let round = 0; round < options.rounds; round++) {
        const upstreamBefore = readProcessCpuMicros(upstreamPid);
        await runBlock(direct, options.blockCalls[concurrency], concurrency, results.direct);
        upstreamCpuMicros += readProcessCpuMicros(upstreamPid) - upstreamBefore;
        const cpuBefore = readProcessCpuMicros(pid);
        await runBlock(proxied, options.blockCalls[concurrency], concurrency, results.proxied);
        proxyCpuMicros += readProcessCpuMicros(pid) - cpuBefore;
      }
      const d = summarise(results.direct);
      const p = summarise(results.proxied);
      const row = (mode: string, s: ReturnType<typeof summarise>, extra: string) =>
        `${String(concurrency).padStart(4)}  ${mode.padEnd(8)} ${s.p50.toFixed(2).padStart(7)}  ${s.p99.toFixed(2).padStart(7)}  ${s.throughput.toFixed(0).padStart(8)}${extra}`;
      // For scale on this machine: what the upstream itself (server-everything) spends per call.
      console.log(row("direct", d, `${" ".repeat(43)}upstream ${(upstreamCpuMicros / results.direct.calls).toFixed(0).padStart(5)} µs`));
      const cpuPerCall = proxyCpuMicros / results.proxied.calls;
      console.log(
        row(
          "proxied",
          p,
          `   ${(p.p50 - d.p50).toFixed(2).padStart(8)}   ${(p.p99 - d.p99).toFixed(2).padStart(9)}   ${(p.p50 / d.p50).toFixed(2).padStart(8)}  ${cpuPerCall.toFixed(0).padStart(8)} µs`,
        ),
      );
    }
    const db = await getDb();
    const rows = await db.call.count({ where: { orgId: org.id, method: "tools/call" } });
    console.log(`\nGoals: added ≤ 1 ms at p50 and ≤ 5 ms at p99 (concurrency 1); proxy CPU ≤ 300 µs per allowed call. Call rows written: ${rows}.`);
  } finally {
    await direct.close().catch(() => {});
    await proxied.close().catch(() => {});
    await proxy.stop();
    await upstream.close();
  }
}
