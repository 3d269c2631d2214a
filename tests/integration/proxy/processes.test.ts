/**
 * Proxies in separate processes on the PostgreSQL server: two of them share a limit exactly, and a
 * proxy killed with SIGKILL under load leaves a committed row for every call whose answer a client
 * received. Runs on the real server only: an in-process PGlite cannot be shared between processes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { type SdkUpstream, startProxyChild, startSdkUpstream } from "../../helpers/mcp-upstream";
import { callUntilKilled, connectClient, createGrantWithPolicy, createTenant, type Tenant } from "./fixtures";

const isServerDatabase = Boolean(getEnv().DATABASE_URL);

let upstream: SdkUpstream;
let tenant: Tenant;

beforeAll(async () => {
  if (!isServerDatabase) return;
  upstream = await startSdkUpstream();
  tenant = await createTenant(upstream.url);
});

afterAll(async () => {
  await upstream?.close();
});

describe.skipIf(!isServerDatabase)("proxies in separate processes", () => {
  it("two processes on one database allow exactly max of 200 concurrent calls", async () => {
    const children = await Promise.all([startProxyChild(), startProxyChild()]);
    try {
      const policy = { version: "1", default: "deny", tools: { focus_export_session: { limits: [{ counter: "procs", window: "hour", max: 30 }] } } };
      const { token } = await createGrantWithPolicy(tenant, policy);
      const clients = await Promise.all(children.map((child) => connectClient(`${child.url}/mcp/${tenant.serverId}`, token)));
      const before = upstream.calls.get("focus_export_session") ?? 0;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (clients[i % 2] as (typeof clients)[0]).client.callTool({ name: "focus_export_session", arguments: {} })),
      );
      expect(results.filter((result) => !result.isError)).toHaveLength(30);
      expect(upstream.calls.get("focus_export_session")! - before).toBe(30);
      await Promise.all(clients.map(({ client }) => client.close()));
    } finally {
      await Promise.all(children.map((child) => child.close()));
    }
  });

  it("after SIGKILL under load, every answered call has its committed row", async () => {
    const child = await startProxyChild();
    const { token, grantId } = await createGrantWithPolicy(tenant, { version: "1", default: "allow" });
    const url = `${child.url}/mcp/${tenant.serverId}`;
    const { transport } = await connectClient(url, token);
    const sessionId = transport.sessionId as string;
    const answered = await callUntilKilled({ url, token, sessionId, kill: () => child.process.kill("SIGKILL"), killAfter: 150, concurrency: 16 });
    await child.close();
    expect(answered.length).toBeGreaterThanOrEqual(150);
    const db = await getDb();
    const rows = await db.call.findMany({ where: { orgId: tenant.orgId, grantId, method: "tools/call" }, select: { requestId: true } });
    const logged = new Set(rows.map((row) => row.requestId));
    expect(answered.filter((id) => !logged.has(id))).toEqual([]);
  });
});
