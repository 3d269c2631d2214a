/** Sets up tenant, upstream and proxy process, then runs the interleaved blocks and prints the table. */

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { getDb } from "@/lib/db/client";
import { mintGrant } from "@/lib/db/grants";
import { createOrganization } from "@/lib/db/orgs";
import { createPolicy } from "@/lib/db/policies";
import { createServer } from "@/lib/db/servers";
import { createUserWithPassword } from "@/lib/db/users";
import { startApp } from "../../tests/helpers/e2e-app";
import { startProxyChild, startServerEverything } from "../../tests/helpers/mcp-upstream";
import { bar, type ModeResult, readProcessTreeCpuMicros, summarise } from "./stats";

/** `proxy`: the pipeline on plain node:http in its own process. `next`: the built app under `next start`. */
export type BenchTarget = "proxy" | "next";

type Options = { target: BenchTarget; warmupCalls: number; rounds: number; blockCalls: Record<1 | 16, number>; proxyNodeArgs?: string[] };

type Target = { url: string; pid: number; stop: () => Promise<void> };

async function startTarget(options: Options): Promise<Target> {
  if (options.target === "proxy") {
    const proxy = await startProxyChild({}, options.proxyNodeArgs);
    return { url: proxy.url, pid: proxy.process.pid as number, stop: proxy.stop };
  }
  if (!existsSync(".next/BUILD_ID")) throw new Error("BENCH_TARGET=next measures the production build: run `npm run build` first.");
  const names = ["DATABASE_URL", "AUTH_SECRET", "TOOLGATE_TOKEN_HASH_KEY", "TOOLGATE_ENCRYPTION_KEYS", "TOOLGATE_ALLOW_PRIVATE_UPSTREAMS"];
  const env: Record<string, string> = { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of names) env[name] = process.env[name] ?? "";
  const app = await startApp(env);
  return { url: app.url, pid: app.process.pid as number, stop: app.stop };
}

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

async function startFloorForwarder(upstreamUrl: string): Promise<Target> {
  const child = spawn(process.execPath, ["--import", "./scripts/node-hooks.mjs", "bench/proxy/floor-forwarder.ts", upstreamUrl], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (http:\/\/\S+)\n/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`The floor forwarder exited (${code}): ${output}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, pid: child.pid as number, stop };
}

type Mode = { name: string; client: Client; pid: number; result: ModeResult; cpuMicros: number };

const emptyResult = (): ModeResult => ({ latenciesMs: [], elapsedMs: 0, calls: 0 });

export async function runBenchmark(options: Options): Promise<void> {
  const upstream = await startServerEverything();
  const user = await createUserWithPassword({ email: `bench-${Date.now()}@example.test`, name: "bench", passwordHash: "x" });
  const actor = { userId: user.id, label: user.email, ip: "127.0.0.1" };
  const org = await createOrganization({ userId: user.id, name: `bench ${Date.now()}`, actor });
  const server = await createServer({ orgId: org.id, data: { name: "everything", url: upstream.url }, actor });
  const policy = await createPolicy({ orgId: org.id, serverId: server.id, name: "bench", document: POLICY, actor });
  const { token } = await mintGrant({ orgId: org.id, serverId: server.id, label: "bench", policyId: policy.id, actor });
  const proxy = await startTarget(options);
  const floor = await startFloorForwarder(upstream.url);
  const direct = await connect(upstream.url);
  const floored = await connect(floor.url);
  const proxied = await connect(`${proxy.url}/mcp/${server.id}`, token);
  try {
    const scratch = emptyResult();
    for (const client of [direct, floored, proxied]) await runBlock(client, options.warmupCalls, 4, scratch);
    const served = options.target === "next" ? "the built app (next start)" : "the pipeline on node:http";
    console.log(
      `Proxy overhead: tools/call echo, server-everything, policy with a limit, call log on, PostgreSQL; proxy served by ${served}. ${options.rounds} interleaved rounds.`,
    );
    console.log("direct: client → upstream. floor: a bare node:http forwarder with one PostgreSQL round trip (bench/proxy/floor-forwarder.ts),");
    console.log("the least any proxy of this design costs here. proxied: Toolgate. CPU/call: the serving process's CPU time per call (/proc).\n");
    console.log("conc  mode      p50 ms   p99 ms   calls/s   added p50   added p99   ratio p50   CPU/call");
    const cpuChart: Array<{ label: string; micros: number }> = [];
    for (const concurrency of [1, 16] as const) {
      const modes: Mode[] = [
        { name: "direct", client: direct, pid: upstream.process?.pid as number, result: emptyResult(), cpuMicros: 0 },
        { name: "floor", client: floored, pid: floor.pid, result: emptyResult(), cpuMicros: 0 },
        { name: "proxied", client: proxied, pid: proxy.pid, result: emptyResult(), cpuMicros: 0 },
      ];
      for (let round = 0; round < options.rounds; round++) {
        for (const mode of modes) {
          const before = readProcessTreeCpuMicros(mode.pid);
          await runBlock(mode.client, options.blockCalls[concurrency], concurrency, mode.result);
          mode.cpuMicros += readProcessTreeCpuMicros(mode.pid) - before;
        }
        // Progress on stderr, so the table on stdout stays clean when redirected.
        process.stderr.write(`\r  concurrency ${concurrency}: round ${round + 1}/${options.rounds}`);
      }
      process.stderr.write("\r\x1b[K");
      const d = summarise(modes[0]?.result as ModeResult);
      for (const mode of modes) {
        const s = summarise(mode.result);
        const cpuPerCall = mode.cpuMicros / mode.result.calls;
        const cpu = `${cpuPerCall.toFixed(0).padStart(6)} µs`;
        cpuChart.push({ label: `conc ${String(concurrency).padStart(2)} ${mode.name === "direct" ? "upstream" : mode.name}`, micros: cpuPerCall });
        // For the direct row, CPU/call is the upstream's own (server-everything), for scale.
        const added =
          mode.name === "direct"
            ? " ".repeat(36)
            : `${(s.p50 - d.p50).toFixed(2).padStart(10)}  ${(s.p99 - d.p99).toFixed(2).padStart(10)}  ${(s.p50 / d.p50).toFixed(2).padStart(10)}`;
        console.log(
          `${String(concurrency).padStart(4)}  ${mode.name.padEnd(8)} ${s.p50.toFixed(2).padStart(7)}  ${s.p99.toFixed(2).padStart(7)}  ${s.throughput.toFixed(0).padStart(8)}  ${added}  ${cpu}`,
        );
      }
    }
    console.log("\nCPU per call (the direct row: the upstream's own):");
    const widest = Math.max(...cpuChart.map((entry) => entry.micros));
    for (const entry of cpuChart) console.log(`  ${entry.label.padEnd(16)} ${bar(entry.micros, widest, 50)} ${entry.micros.toFixed(0)} µs`);
    const db = await getDb();
    const rows = await db.call.count({ where: { orgId: org.id, method: "tools/call" } });
    console.log(`\nGoals: added ≤ 1 ms at p50 and ≤ 5 ms at p99 (concurrency 1); proxy CPU ≤ 300 µs per allowed call. Call rows written: ${rows}.`);
  } finally {
    for (const client of [direct, floored, proxied]) await client.close().catch(() => {});
    await proxy.stop();
    await floor.stop();
    await upstream.close();
  }
}
