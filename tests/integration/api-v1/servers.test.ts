import { describe, expect, it } from "vitest";
import * as serverRoute from "@/app/api/v1/servers/[id]/route";
import * as toolsRoute from "@/app/api/v1/servers/[id]/tools/route";
import * as serversRoute from "@/app/api/v1/servers/route";
import { getDb } from "@/lib/db/client";
import { upsertToolCatalogue } from "@/lib/db/tools";
import { callRoute, createApiOrg } from "./api-helpers";

const upstream = { name: "crm", url: "https://crm.example.test/mcp", headers: { Authorization: "Bearer upstream-secret" } };

describe("/api/v1/servers", () => {
  it("creates, lists, reads, updates and deletes a server, attributing each change to the key", async () => {
    const { org, keys, keyIds } = await createApiOrg("srv");
    const created = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: upstream });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "crm", url: upstream.url, credentialHeaderNames: ["Authorization"] });
    expect(created.json.proxyUrl).toBe(`http://toolgate.test/mcp/${created.json.id}`);
    expect(JSON.stringify(created.json)).not.toContain("upstream-secret");
    expect(created.headers.get("x-request-id")).toBeTruthy();

    const list = await callRoute(serversRoute.GET, "GET", "/servers", { key: keys.viewer });
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ items: [created.json], nextCursor: null });

    const id = created.json.id as string;
    const read = await callRoute(serverRoute.GET, "GET", `/servers/${id}`, { key: keys.viewer, params: { id } });
    expect(read.json).toEqual(created.json);

    const patched = await callRoute(serverRoute.PATCH, "PATCH", `/servers/${id}`, { key: keys.admin, params: { id }, body: { name: "crm-2", headers: {} } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: "crm-2", credentialHeaderNames: [] });

    const db = await getDb();
    const event = await db.adminEvent.findFirstOrThrow({ where: { orgId: org.id, action: "server.created" } });
    expect(event).toMatchObject({ actorApiKeyId: keyIds.admin, actorUserId: null, actorLabel: 'API key "admin key"' });

    const deleted = await callRoute(serverRoute.DELETE, "DELETE", `/servers/${id}`, { key: keys.admin, params: { id } });
    expect(deleted.status).toBe(204);
    expect((await callRoute(serverRoute.GET, "GET", `/servers/${id}`, { key: keys.viewer, params: { id } })).status).toBe(404);
  });

  it("lists every invalid field with its message", async () => {
    const { keys } = await createApiOrg("srv-invalid");
    const response = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: { name: "", url: "ftp://x", headers: { Host: "x" } } });
    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe("validation_failed");
    expect(Object.keys(response.json.error.details.fieldErrors).sort()).toEqual(["headers.Host", "name", "url"]);
    expect(response.json.error.requestId).toBe(response.headers.get("x-request-id"));
    const empty = await callRoute(serverRoute.PATCH, "PATCH", "/servers/x", { key: keys.admin, params: { id: "x" }, body: {} });
    expect(empty.status).toBe(422);
    const notJson = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: "{nope" });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe("bad_request");
  });

  it("refuses a body over the size limit with 413", async () => {
    const { keys } = await createApiOrg("srv-big");
    const response = await callRoute(serversRoute.POST, "POST", "/servers", {
      key: keys.admin,
      body: { name: "big", url: "https://example.test/mcp", headers: { "X-Big": "x".repeat(2 * 1024 * 1024) } },
    });
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe("payload_too_large");
  });

  it("pages with cursors", async () => {
    const { keys } = await createApiOrg("srv-page");
    for (const name of ["a", "b", "c"]) {
      expect(
        (await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: { name, url: `https://${name}.example.test/mcp` } })).status,
      ).toBe(201);
    }
    const first = await callRoute(serversRoute.GET, "GET", "/servers", { key: keys.viewer, query: { limit: "2" } });
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await callRoute(serversRoute.GET, "GET", "/servers", { key: keys.viewer, query: { limit: "2", cursor: first.json.nextCursor } });
    expect(second.json.items).toHaveLength(1);
    expect(second.json.nextCursor).toBeNull();
    const names = [...first.json.items, ...second.json.items].map((server: { name: string }) => server.name).sort();
    expect(names).toEqual(["a", "b", "c"]);
    const badLimit = await callRoute(serversRoute.GET, "GET", "/servers", { key: keys.viewer, query: { limit: "0" } });
    expect(badLimit.status).toBe(422);
    expect(badLimit.json.error.details.fieldErrors["query.limit"]).toBeDefined();
  });

  it("lists the tool catalogue", async () => {
    const { org, actor, keys } = await createApiOrg("srv-tools");
    const created = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: { name: "t", url: "https://t.example.test/mcp" } });
    const id = created.json.id as string;
    await upsertToolCatalogue({ orgId: org.id, serverId: id, tools: [{ name: "echo", description: "Echoes", inputSchema: { type: "object" } }], actor });
    const tools = await callRoute(toolsRoute.GET, "GET", `/servers/${id}/tools`, { key: keys.viewer, params: { id } });
    expect(tools.status).toBe(200);
    expect(tools.json.items).toEqual([expect.objectContaining({ name: "echo", serverId: id, hasDrift: false })]);
  });

  it("replays a write sent again with the same Idempotency-Key and refuses the key for another body", async () => {
    const { keys } = await createApiOrg("srv-idem");
    const headers = { "Idempotency-Key": "create-crm-1" };
    const first = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: upstream, headers });
    const again = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: upstream, headers });
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await callRoute(serversRoute.GET, "GET", "/servers", { key: keys.viewer })).json.items).toHaveLength(1);
    const other = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: { ...upstream, name: "other" }, headers });
    expect(other.status).toBe(422);
    const failed = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: { name: "" }, headers: { "Idempotency-Key": "k2" } });
    expect(failed.status).toBe(422);
    const retried = await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: { name: "" }, headers: { "Idempotency-Key": "k2" } });
    expect(retried.status).toBe(422);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
  });
});
