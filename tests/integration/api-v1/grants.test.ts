import { describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/grants/[id]/rotate/route";
import * as grantRoute from "@/app/api/v1/grants/[id]/route";
import * as grantsRoute from "@/app/api/v1/servers/[id]/grants/route";
import { hashToken } from "@/lib/crypto/tokens";
import { getDb } from "@/lib/db/client";
import { createPolicy } from "@/lib/db/policies";
import { createServer } from "@/lib/db/servers";
import seedPolicy from "@/tests/fixtures/seed-policy.json";
import { callRoute, createApiOrg } from "./api-helpers";

describe("/api/v1 grants", () => {
  it("mints a grant whose token is returned once, updates, rotates and revokes it", async () => {
    const { org, actor, keys } = await createApiOrg("grant");
    const server = await createServer({ orgId: org.id, data: { name: "s", url: "https://s.example.test/mcp" }, actor });
    const policy = await createPolicy({ orgId: org.id, serverId: server.id, name: "seed", document: seedPolicy, actor });
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const minted = await callRoute(grantsRoute.POST, "POST", `/servers/${server.id}/grants`, {
      key: keys.admin,
      params: { id: server.id },
      body: { label: "agent-1", policyId: policy.id, expiresAt },
    });
    expect(minted.status).toBe(201);
    expect(minted.json).toMatchObject({ label: "agent-1", policyId: policy.id, policyName: "seed", expiresAt, serverId: server.id });
    expect(minted.json.token).toMatch(/^tg_/);
    const db = await getDb();
    expect((await db.grant.findUniqueOrThrow({ where: { id: minted.json.id } })).tokenHash).toBe(hashToken(minted.json.token));
    const id = minted.json.id as string;

    const listed = await callRoute(grantsRoute.GET, "GET", `/servers/${server.id}/grants`, { key: keys.viewer, params: { id: server.id } });
    expect(listed.json.items).toEqual([expect.objectContaining({ id, label: "agent-1" })]);
    expect(JSON.stringify(listed.json)).not.toContain(minted.json.token);

    const updated = await callRoute(grantRoute.PATCH, "PATCH", `/grants/${id}`, {
      key: keys.admin,
      params: { id },
      body: { label: "agent-one", policyId: null },
    });
    expect(updated.json).toMatchObject({ label: "agent-one", policyId: null });

    const rotated = await callRoute(rotateRoute.POST, "POST", `/grants/${id}/rotate`, { key: keys.admin, params: { id } });
    expect(rotated.status).toBe(200);
    expect(rotated.json.token).toMatch(/^tg_/);
    expect(rotated.json.token).not.toBe(minted.json.token);

    const revoked = await callRoute(grantRoute.DELETE, "DELETE", `/grants/${id}`, { key: keys.admin, params: { id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toEqual(expect.any(String));
    expect((await callRoute(grantRoute.DELETE, "DELETE", `/grants/${id}`, { key: keys.admin, params: { id } })).status).toBe(404);
  });

  it("lists invalid fields and refuses a policy of another server", async () => {
    const { org, actor, keys } = await createApiOrg("grant-invalid");
    const [server, other] = await Promise.all([
      createServer({ orgId: org.id, data: { name: "s", url: "https://s.example.test/mcp" }, actor }),
      createServer({ orgId: org.id, data: { name: "o", url: "https://o.example.test/mcp" }, actor }),
    ]);
    const otherPolicy = await createPolicy({ orgId: org.id, serverId: other.id, name: "p", document: seedPolicy, actor });
    const invalid = await callRoute(grantsRoute.POST, "POST", `/servers/${server.id}/grants`, {
      key: keys.admin,
      params: { id: server.id },
      body: { label: "", expiresAt: "2001-01-01T00:00:00Z" },
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json.error.details.fieldErrors).sort()).toEqual(["expiresAt", "label"]);
    const wrongPolicy = await callRoute(grantsRoute.POST, "POST", `/servers/${server.id}/grants`, {
      key: keys.admin,
      params: { id: server.id },
      body: { label: "x", policyId: otherPolicy.id },
    });
    expect(wrongPolicy.status).toBe(422);
    expect(wrongPolicy.json.error.details.fieldErrors.policyId).toBeDefined();
  });

  it("returns the same token when a mint is retried with its Idempotency-Key, without storing the token in clear", async () => {
    const { org, actor, keys } = await createApiOrg("grant-idem");
    const server = await createServer({ orgId: org.id, data: { name: "s", url: "https://s.example.test/mcp" }, actor });
    const call = { key: keys.admin, params: { id: server.id }, body: { label: "agent" }, headers: { "Idempotency-Key": "mint-agent" } };
    const first = await callRoute(grantsRoute.POST, "POST", `/servers/${server.id}/grants`, call);
    const second = await callRoute(grantsRoute.POST, "POST", `/servers/${server.id}/grants`, call);
    expect(second.json.token).toBe(first.json.token);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const db = await getDb();
    expect(await db.grant.count({ where: { orgId: org.id } })).toBe(1);
    const stored = await db.idempotencyKey.findFirstOrThrow({ where: { orgId: org.id, key: "mint-agent" } });
    expect(JSON.stringify(stored.body)).not.toContain(first.json.token);
  });
});
