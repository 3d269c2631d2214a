/**
 * The database server becomes unreachable while the proxy runs: nothing is forwarded (cached grants
 * included), agents get a clear error, and service resumes when the database returns. The proxy's
 * connections go through a TCP relay that the test cuts, so the shared server keeps running.
 * On embedded PGlite the database lives inside the process and cannot go away on its own; the same
 * fail-closed paths (policy unreadable, counters unavailable) are covered in failures.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkUpstream, startSdkUpstream } from "../../helpers/mcp-upstream";
import { relayDatabaseUrl } from "../../helpers/tcp-relay";
import { connectClient, createGrantWithPolicy, createTenant, type RunningProxy, startProxy, textOf } from "./fixtures";

// Before anything opens the database: the relay must sit in front of every connection.
const relay = await relayDatabaseUrl();

let upstream: SdkUpstream;
let running: RunningProxy;

beforeAll(async () => {
  if (!relay) return;
  [upstream, running] = await Promise.all([startSdkUpstream(), startProxy()]);
});

afterAll(async () => {
  relay?.restore();
  await running?.close();
  await upstream?.close();
  await relay?.close();
});

describe.skipIf(!relay)("database outage", () => {
  it("fails closed while the database is unreachable and recovers when it returns", async () => {
    const tenant = await createTenant(upstream.url);
    const limited = await createGrantWithPolicy(tenant, {
      version: "1",
      default: "allow",
      all_tools: { limits: [{ counter: "all", window: "hour", max: 100 }] },
    });
    const unlimited = await createGrantWithPolicy(tenant, { version: "1", default: "allow" });
    const cold = await createGrantWithPolicy(tenant, { version: "1", default: "allow" });
    const url = running.http.urlFor(tenant.serverId);
    const a = await connectClient(url, limited.token);
    const b = await connectClient(url, unlimited.token);
    expect((await a.client.callTool({ name: "other_tool", arguments: {} })).isError).toBeFalsy();
    expect((await b.client.callTool({ name: "other_tool", arguments: {} })).isError).toBeFalsy();
    const before = upstream.calls.get("other_tool") ?? 0;

    relay?.cut();
    const refused = await a.client.callTool({ name: "other_tool", arguments: {} });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/cannot check it right now .*Nothing was forwarded/);
    const unlimitedRefused = await b.client.callTool({ name: "other_tool", arguments: {} });
    expect(unlimitedRefused.isError).toBe(true);
    const coldResponse = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${cold.token}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    expect(coldResponse.status).toBe(503);
    expect(((await coldResponse.json()) as { error: { message: string } }).error.message).toMatch(/cannot read its database/);
    expect(upstream.calls.get("other_tool") ?? 0).toBe(before);

    relay?.restore();
    expect((await a.client.callTool({ name: "other_tool", arguments: {} })).isError).toBeFalsy();
    expect((await b.client.callTool({ name: "other_tool", arguments: {} })).isError).toBeFalsy();
    await Promise.all([a.client.close(), b.client.close()]);
  });
});
