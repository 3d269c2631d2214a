import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto/tokens";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/db/api-keys";
import { getDb } from "@/lib/db/client";
import { createTestOrg } from "../../helpers/harness";

describe("organisation API keys", () => {
  it("stores only a keyed hash and a prefix, and returns the key once", async () => {
    const { org, actor } = await createTestOrg("keys");
    const { apiKey, token } = await createApiKey({ orgId: org.id, name: "ci", role: "policy_manager", actor });
    expect(token).toMatch(/^tgk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.prefix).toBe(token.slice(0, 10));
    const db = await getDb();
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(await listApiKeys({ orgId: org.id }))).not.toContain(token);
    const created = await db.adminEvent.findFirstOrThrow({ where: { orgId: org.id, action: "api_key.created" } });
    expect(JSON.stringify(created.after)).not.toContain(token);
  });

  it("authenticates, records a use at most once a minute, and stops working once revoked or expired", async () => {
    const { org, actor } = await createTestOrg("keys-use");
    const { apiKey, token } = await createApiKey({ orgId: org.id, name: "ci", role: "admin", actor });
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect(await authenticateApiKey({ token, now: t0 })).toEqual({ id: apiKey.id, orgId: org.id, name: "ci", role: "admin" });
    await authenticateApiKey({ token, now: new Date(t0.getTime() + 30_000) });
    await authenticateApiKey({ token, now: new Date(t0.getTime() + 61_000) });
    const db = await getDb();
    expect(await db.adminEvent.count({ where: { orgId: org.id, action: "api_key.used", actorApiKeyId: apiKey.id } })).toBe(2);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).toEqual(new Date(t0.getTime() + 61_000));
    expect(await authenticateApiKey({ token: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}` })).toBeNull();
    expect(await authenticateApiKey({ token: "tg_grant-token" })).toBeNull();

    const other = await createTestOrg("keys-other");
    await expect(revokeApiKey({ orgId: other.org.id, apiKeyId: apiKey.id, actor: other.actor })).rejects.toMatchObject({ code: "not_found" });
    await revokeApiKey({ orgId: org.id, apiKeyId: apiKey.id, actor });
    expect(await authenticateApiKey({ token })).toBeNull();

    const expiring = await createApiKey({ orgId: org.id, name: "short", role: "viewer", expiresAt: new Date("2030-01-01T00:00:00Z"), actor });
    expect(await authenticateApiKey({ token: expiring.token, now: new Date("2029-12-31T23:59:59Z") })).not.toBeNull();
    expect(await authenticateApiKey({ token: expiring.token, now: new Date("2030-01-01T00:00:00Z") })).toBeNull();
  });
});
