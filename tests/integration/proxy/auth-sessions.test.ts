/**
 * Who may talk through the proxy: 401/403 with security events (throttled per source), sessions
 * bound to the grant that opened them, and revocations and policy saves that take effect on the
 * next request of another instance through LISTEN/NOTIFY.
 */
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { revokeGrant, updateGrant } from "@/lib/db/grants";
import type { ChangeNotice } from "@/lib/db/notify";
import { savePolicyVersion } from "@/lib/db/policies";
import { type SdkUpstream, startSdkUpstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, type RunningProxy, startProxy, type Tenant } from "./fixtures";

let upstream: SdkUpstream;
let first: RunningProxy;
let second: RunningProxy;
let tenant: Tenant;
const allowAll = { version: "1", default: "allow" };

beforeAll(async () => {
  [upstream, first, second] = await Promise.all([startSdkUpstream(), startProxy(), startProxy()]);
  tenant = await createTenant(upstream.url);
});

afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
  await upstream?.close();
});

const ping = (url: string, headers: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "x-forwarded-for": "203.0.113.9", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
  });

function nextInvalidation(running: RunningProxy, kind: ChangeNotice["kind"], id: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = running.proxy.lookups.onInvalidate((notice) => {
      if (notice.kind === kind && notice.id === id) {
        stop();
        resolve();
      }
    });
  });
}

describe("authentication", () => {
  it("answers 401 with WWW-Authenticate for missing, unknown, revoked and expired tokens", async () => {
    const url = first.http.urlFor(tenant.serverId);
    const missing = await ping(url, {});
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await ping(url, { authorization: "Bearer tg_notarealtokennotarealtokennotarealtoken123" })).status).toBe(401);
    const { token, grantId } = await createGrantWithPolicy(tenant, allowAll);
    // Authenticated and forwarded: the stateful upstream itself refuses a ping outside a session.
    expect((await ping(url, { authorization: `Bearer ${token}` })).status).toBe(400);
    const expired = await createGrantWithPolicy(tenant, allowAll);
    const db = await getDb();
    await db.grant.update({ where: { id: expired.grantId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await ping(url, { authorization: `Bearer ${expired.token}` })).status).toBe(401);
    await revokeGrant({ orgId: tenant.orgId, grantId, actor: tenant.actor });
    first.proxy.lookups.clear();
    expect((await ping(url, { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it("answers 403 to a grant of another server, including another organisation's", async () => {
    const otherTenant = await createTenant(upstream.url);
    const { token } = await createGrantWithPolicy(otherTenant, allowAll);
    const response = await ping(first.http.urlFor(tenant.serverId), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
  });

  it("records failures as throttled security events, never as calls", async () => {
    const url = first.http.urlFor(tenant.serverId);
    await Promise.all(Array.from({ length: 40 }, () => ping(url, { authorization: "Bearer tg_floodfloodfloodfloodfloodfloodflood12345" })));
    const db = await getDb();
    const events = await db.securityEvent.findMany({ where: { ip: "203.0.113.9", kind: "auth.invalid_token" } });
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(2);
    expect(await db.call.count({ where: { orgId: tenant.orgId, method: "ping" } })).toBe(1);
  });
});

describe("sessions and invalidation", () => {
  it("answers 404 when another grant presents a session id, and after DELETE", async () => {
    const owner = await createGrantWithPolicy(tenant, allowAll);
    const intruder = await createGrantWithPolicy(tenant, allowAll);
    const { client, transport } = await connectClient(first.http.urlFor(tenant.serverId), owner.token);
    const sessionId = transport.sessionId as string;
    expect(sessionId).toBeTruthy();
    const headers = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" };
    expect((await ping(second.http.urlFor(tenant.serverId), { ...headers, authorization: `Bearer ${intruder.token}` })).status).toBe(404);
    const get = await fetch(second.http.urlFor(tenant.serverId), {
      headers: { ...headers, accept: "text/event-stream", authorization: `Bearer ${intruder.token}` },
    });
    expect(get.status).toBe(404);
    expect((await ping(second.http.urlFor(tenant.serverId), { ...headers, authorization: `Bearer ${owner.token}` })).status).toBe(200);
    await transport.terminateSession();
    await client.close();
    expect((await ping(first.http.urlFor(tenant.serverId), { ...headers, authorization: `Bearer ${owner.token}` })).status).toBe(404);
  });

  it("a revocation on one instance is honoured by the other on its next request", async () => {
    const { token, grantId } = await createGrantWithPolicy(tenant, allowAll);
    const url = second.http.urlFor(tenant.serverId);
    expect((await ping(url, { authorization: `Bearer ${token}` })).status).toBe(400);
    const invalidated = nextInvalidation(second, "grant", grantId);
    await revokeGrant({ orgId: tenant.orgId, grantId, actor: tenant.actor });
    await invalidated;
    expect((await ping(url, { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it("a policy save or a policy change on the grant is live on the next call without reconnecting", async () => {
    const { token, grantId, policyId } = await createGrantWithPolicy(tenant, allowAll);
    const { client } = await connectClient(second.http.urlFor(tenant.serverId), token);
    let listChanges = 0;
    const listChanged = new Promise<void>((resolve) =>
      client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
        listChanges++;
        resolve();
      }),
    );
    expect((await client.callTool({ name: "other_tool", arguments: {} })).isError).toBeFalsy();
    const saved = nextInvalidation(second, "policy", policyId as string);
    await savePolicyVersion({ orgId: tenant.orgId, policyId: policyId as string, document: { version: "1", default: "deny" }, actor: tenant.actor });
    await saved;
    const denied = await client.callTool({ name: "other_tool", arguments: {} });
    expect(denied._meta?.["toolgate/decision"]).toMatchObject({ code: "default_deny", version: 2 });
    // The live session's GET stream was told that its tool list changed.
    await listChanged;
    expect(listChanges).toBeGreaterThan(0);
    const detached = nextInvalidation(second, "grant", grantId);
    await updateGrant({ orgId: tenant.orgId, grantId, data: { policyId: null }, actor: tenant.actor });
    await detached;
    const noPolicy = await client.callTool({ name: "other_tool", arguments: {} });
    expect(noPolicy._meta?.["toolgate/decision"]).toMatchObject({ code: "no_policy", rule: "(no policy)" });
    await client.close();
  });
});
