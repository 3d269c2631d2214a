/**
 * Through a real SDK Client, the proxy and server-everything: a resource subscription made through
 * the proxy delivers the upstream's `notifications/resources/updated` on the session's GET stream,
 * and the grant's `lastUsedAt` is written (coarsely) when it is used.
 */
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startServerEverything, type Upstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, type RunningProxy, startProxy, type Tenant } from "./fixtures";

const policy = { version: "1", default: "deny", tools: { "toggle-subscriber-updates": {} } };

let upstream: Upstream;
let running: RunningProxy;
let tenant: Tenant;

beforeAll(async () => {
  [upstream, running] = await Promise.all([startServerEverything(), startProxy()]);
  tenant = await createTenant(upstream.url);
});

afterAll(async () => {
  await running?.close();
  await upstream?.close();
});

describe("subscriptions and grant use", () => {
  it("relays resource updates of a subscription made through the proxy", async () => {
    const { token } = await createGrantWithPolicy(tenant, policy);
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    try {
      const { resources } = await client.listResources();
      const uri = resources[0]?.uri as string;
      expect(uri).toBeTruthy();
      const updated = new Promise<string>((resolve) => {
        client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => resolve(notification.params.uri));
      });
      await client.subscribeResource({ uri });
      const toggled = await client.callTool({ name: "toggle-subscriber-updates", arguments: {} });
      expect(toggled.isError).toBeFalsy();
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no resource update within 10 s")), 10_000));
      expect(await Promise.race([updated, timeout])).toBe(uri);
      // Stop the upstream's timer for this session before the client goes away.
      await client.callTool({ name: "toggle-subscriber-updates", arguments: {} });
    } finally {
      await client.close();
    }
  });

  it("records when a grant was last used", async () => {
    const { token, grantId } = await createGrantWithPolicy(tenant, policy, "last-used");
    const db = await getDb();
    const before = await db.grant.findFirstOrThrow({ where: { id: grantId, orgId: tenant.orgId }, select: { lastUsedAt: true } });
    expect(before.lastUsedAt).toBeNull();
    const startedAt = Date.now();
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    await client.close();
    await expect
      .poll(
        async () => (await db.grant.findFirstOrThrow({ where: { id: grantId, orgId: tenant.orgId }, select: { lastUsedAt: true } })).lastUsedAt?.getTime() ?? 0,
        {
          timeout: 5_000,
        },
      )
      .toBeGreaterThanOrEqual(startedAt - 1_000);
  });
});
