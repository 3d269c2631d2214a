/**
 * The SIGKILL test on embedded PGlite: the proxy process owns a PGlite data folder (one process
 * per folder), the test writes its fixtures first and reopens the folder after the kill, then checks
 * that every call whose answer a client received has its row. On the PostgreSQL server the same
 * property is tested in processes.test.ts.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db/client";
import { type SdkUpstream, startProxyChild, startSdkUpstream } from "../../helpers/mcp-upstream";
import { callUntilKilled, connectClient, createGrantWithPolicy, createTenant } from "./fixtures";

// Chosen before anything opens the database: this file's PGlite lives in a folder, not in memory.
const env = process.env as Record<string, string | undefined>;
const isPglite = !env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), "toolgate-pglite-"));
if (isPglite) env.TOOLGATE_PGLITE_DIR = dataDir;

let upstream: SdkUpstream | undefined;

afterAll(async () => {
  await upstream?.close();
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!isPglite)("SIGKILL on PGlite", () => {
  it("every answered call has its row after the proxy process is killed", async () => {
    upstream = await startSdkUpstream();
    const tenant = await createTenant(upstream.url);
    const { token, grantId } = await createGrantWithPolicy(tenant, { version: "1", default: "allow" });
    await closeDb();
    const child = await startProxyChild({ TOOLGATE_PGLITE_DIR: dataDir });
    const url = `${child.url}/mcp/${tenant.serverId}`;
    const { transport } = await connectClient(url, token);
    const sessionId = transport.sessionId as string;
    const answered = await callUntilKilled({ url, token, sessionId, kill: () => child.process.kill("SIGKILL"), killAfter: 60, concurrency: 8 });
    await child.close();
    const db = await getDb();
    const rows = await db.call.findMany({ where: { orgId: tenant.orgId, grantId, method: "tools/call" }, select: { requestId: true } });
    const logged = new Set(rows.map((row) => row.requestId));
    expect(answered.length).toBeGreaterThanOrEqual(60);
    expect(answered.filter((id) => !logged.has(id))).toEqual([]);
  });
});
