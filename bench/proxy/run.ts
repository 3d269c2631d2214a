/**
 * The proxy's overhead: the same tools/call (server-everything's `echo`) sent directly to the
 * upstream and through the proxy (policy with a limit, call log on, real PostgreSQL), interleaved
 * in blocks within one run, at concurrency 1 and 16.
 *
 *   npm run bench:proxy                          the pipeline on node:http, in its own process
 *   npm run build && BENCH_TARGET=next npm run bench:proxy    the same through `next start`
 *
 * BENCH_ROUNDS (default 10) sets the number of interleaved rounds. DATABASE_URL defaults to postgresql://postgres@127.0.0.1:5432/test; a fresh schema is created and
 * dropped. The proxy runs in its own process (tests/helpers/proxy-child.ts) so that its CPU time,
 * read from /proc, is its own and not the client's. Figures only: they depend on the machine.
 */
import { randomBytes } from "node:crypto";
import { createFreshSchema } from "../../tests/helpers/db-schema";

const env = process.env as Record<string, string | undefined>;
const baseUrl = env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const WARMUP_CALLS = 300;
const ROUNDS = Number(env.BENCH_ROUNDS ?? 10);
const BLOCK_CALLS = { 1: 100, 16: 400 } as const;

async function main() {
  const fresh = await createFreshSchema(baseUrl, "bench");
  env.DATABASE_URL = fresh.url;
  env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  env.TOOLGATE_TOKEN_HASH_KEY ??= randomBytes(32).toString("base64url");
  env.TOOLGATE_ENCRYPTION_KEYS ??= `k1:${randomBytes(32).toString("base64")}`;
  env.TOOLGATE_ALLOW_PRIVATE_UPSTREAMS = "true";
  const { runBenchmark } = await import("./scenario");
  try {
    // BENCH_PROFILE_DIR=/tmp/prof writes a V8 CPU profile of the proxy process there.
    const profileDir = env.BENCH_PROFILE_DIR;
    const proxyNodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    const target = env.BENCH_TARGET === "next" ? "next" : "proxy";
    await runBenchmark({ target, warmupCalls: WARMUP_CALLS, rounds: ROUNDS, blockCalls: BLOCK_CALLS, proxyNodeArgs });
  } finally {
    const { closeDb } = await import("@/lib/db/client");
    await closeDb();
    await fresh.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
