/**
 * Starts the built Next app (`next start`) as a child process on a free port with its own
 * database: a fresh PGlite data folder, or a fresh schema on the PostgreSQL server when
 * DATABASE_URL is set. Returns its URL, the environment it runs with, and a stop function.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createFreshSchema } from "./db-schema";
import { findFreePort } from "./mcp-upstream";

/** `stopServer` ends the process and keeps the database (restart tests); `stop` also deletes it. */
export type E2eApp = { url: string; env: Record<string, string>; stopServer: () => Promise<void>; stop: () => Promise<void>; logs: () => string };

/** Environment for an isolated database plus shared secrets, for the app and for any CLI run beside it. */
export async function createE2eEnvironment(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const env: Record<string, string> = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    TOOLGATE_TOKEN_HASH_KEY: randomBytes(32).toString("base64url"),
    TOOLGATE_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
    TOOLGATE_ALLOW_PRIVATE_UPSTREAMS: "true",
  };
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const fresh = await createFreshSchema(serverUrl, "e2e");
    env.DATABASE_URL = fresh.url;
    return { env, cleanup: fresh.drop };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "toolgate-e2e-"));
  env.TOOLGATE_DATA_DIR = dataDir;
  return { env, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The environment of a child process: the test database and secrets, not the runner's own. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.TOOLGATE_PGLITE_DIR;
  delete base.VITEST;
  return { ...base, ...extra };
}

export async function startApp(env: Record<string, string>): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void>; logs: () => string }> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: process.cwd(),
    env: childEnv({ ...env, TOOLGATE_PUBLIC_URL: url }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`The app did not become ready in 90 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  return { url, process: child, stop, logs: () => output };
}

export async function startE2eApp(): Promise<E2eApp> {
  const { env, cleanup } = await createE2eEnvironment();
  const app = await startApp(env);
  return {
    url: app.url,
    env: { ...env, TOOLGATE_PUBLIC_URL: app.url },
    logs: app.logs,
    stopServer: app.stop,
    stop: async () => {
      await app.stop();
      await cleanup();
    },
  };
}
