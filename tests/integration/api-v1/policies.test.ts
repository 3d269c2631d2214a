import { describe, expect, it } from "vitest";
import * as policyRoute from "@/app/api/v1/policies/[id]/route";
import * as simulateRoute from "@/app/api/v1/policies/[id]/simulate/route";
import * as versionsRoute from "@/app/api/v1/policies/[id]/versions/route";
import * as validateRoute from "@/app/api/v1/policies/validate/route";
import * as policiesRoute from "@/app/api/v1/servers/[id]/policies/route";
import { mintGrant } from "@/lib/db/grants";
import { createServer } from "@/lib/db/servers";
import seedPolicy from "@/tests/fixtures/seed-policy.json";
import { callRoute, createApiOrg } from "./api-helpers";

async function setup(prefix: string) {
  const fixture = await createApiOrg(prefix);
  const server = await createServer({ orgId: fixture.org.id, data: { name: "s", url: "https://s.example.test/mcp" }, actor: fixture.actor });
  return { ...fixture, serverId: server.id };
}

describe("/api/v1 policies", () => {
  it("creates a policy, saves versions, lists them and deletes it", async () => {
    const { keys, serverId } = await setup("pol");
    const created = await callRoute(policiesRoute.POST, "POST", `/servers/${serverId}/policies`, {
      key: keys.manager,
      params: { id: serverId },
      body: { name: "seed", document: seedPolicy },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "seed", version: 1, document: seedPolicy, serverId });
    const id = created.json.id as string;

    const listed = await callRoute(policiesRoute.GET, "GET", `/servers/${serverId}/policies`, {
      key: keys.viewer,
      params: { id: serverId },
      query: { name: "seed" },
    });
    expect(listed.json.items).toEqual([expect.objectContaining({ id, name: "seed", version: 1, grantCount: 0 })]);

    const allow = { version: "1", default: "allow", tools: {} };
    const saved = await callRoute(policyRoute.PUT, "PUT", `/policies/${id}`, { key: keys.manager, params: { id }, body: { document: allow } });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ version: 2, document: allow });
    const read = await callRoute(policyRoute.GET, "GET", `/policies/${id}`, { key: keys.viewer, params: { id } });
    expect(read.json.version).toBe(2);

    const versions = await callRoute(versionsRoute.GET, "GET", `/policies/${id}/versions`, { key: keys.viewer, params: { id } });
    expect(versions.json.items.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    const page = await callRoute(versionsRoute.GET, "GET", `/policies/${id}/versions`, { key: keys.viewer, params: { id }, query: { limit: "1" } });
    expect(page.json.items).toHaveLength(1);
    const rest = await callRoute(versionsRoute.GET, "GET", `/policies/${id}/versions`, {
      key: keys.viewer,
      params: { id },
      query: { limit: "1", cursor: page.json.nextCursor },
    });
    expect(rest.json).toMatchObject({ items: [expect.objectContaining({ version: 1 })], nextCursor: null });

    expect((await callRoute(policyRoute.DELETE, "DELETE", `/policies/${id}`, { key: keys.manager, params: { id } })).status).toBe(204);
    expect((await callRoute(policyRoute.GET, "GET", `/policies/${id}`, { key: keys.viewer, params: { id } })).status).toBe(404);
  });

  it("refuses an invalid document with the pointer of each problem, and a taken name", async () => {
    const { keys, serverId } = await setup("pol-invalid");
    const bad = await callRoute(policiesRoute.POST, "POST", `/servers/${serverId}/policies`, {
      key: keys.manager,
      params: { id: serverId },
      body: { name: "", document: { version: "2", default: "maybe" } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.fieldErrors.name).toHaveLength(1);
    expect(bad.json.error.details.fieldErrors.document.join(" ")).toMatch(/\/version.*\/default|\/default.*\/version/);
    const body = { name: "seed", document: seedPolicy };
    expect((await callRoute(policiesRoute.POST, "POST", `/servers/${serverId}/policies`, { key: keys.manager, params: { id: serverId }, body })).status).toBe(
      201,
    );
    const taken = await callRoute(policiesRoute.POST, "POST", `/servers/${serverId}/policies`, { key: keys.manager, params: { id: serverId }, body });
    expect(taken.status).toBe(422);
    expect(taken.json.error.details.fieldErrors.name).toBeDefined();
  });

  it("validates a document without saving it", async () => {
    const { keys } = await setup("pol-validate");
    const ok = await callRoute(validateRoute.POST, "POST", "/policies/validate", { key: keys.viewer, body: { document: seedPolicy } });
    expect(ok.json).toEqual({ valid: true, errors: [] });
    const bad = await callRoute(validateRoute.POST, "POST", "/policies/validate", { key: keys.viewer, body: { document: { version: "1" } } });
    expect(bad.status).toBe(200);
    expect(bad.json.valid).toBe(false);
    expect(bad.json.errors).toEqual([expect.objectContaining({ pointer: "/default" })]);
  });

  it("simulates calls with the proxy's decisions, without counting them", async () => {
    const { org, actor, keys, serverId } = await setup("pol-sim");
    const other = await createServer({ orgId: org.id, data: { name: "other", url: "https://o.example.test/mcp" }, actor });
    const created = await callRoute(policiesRoute.POST, "POST", `/servers/${serverId}/policies`, {
      key: keys.manager,
      params: { id: serverId },
      body: { name: "seed", document: seedPolicy },
    });
    const id = created.json.id as string;
    const { grant } = await mintGrant({ orgId: org.id, serverId, label: "agent", policyId: id, actor });
    const allowed = await callRoute(simulateRoute.POST, "POST", `/policies/${id}/simulate`, {
      key: keys.viewer,
      params: { id },
      body: { grantId: grant.id, tool: "focus_export_session", arguments: {} },
    });
    expect(allowed.json).not.toHaveProperty("error");
    expect(allowed.status).toBe(200);
    expect(allowed.json).toMatchObject({ outcome: "allow", code: "allowed", policyVersion: 1 });
    expect(allowed.json.reservations).toEqual([expect.objectContaining({ counter: "focus_export_session_rate", max: 30, amount: 1, scope: "grant" })]);
    const denied = await callRoute(simulateRoute.POST, "POST", `/policies/${id}/simulate`, {
      key: keys.viewer,
      params: { id },
      body: { tool: "delete_everything" },
    });
    expect(denied.json).toMatchObject({ outcome: "deny", code: "default_deny" });
    const { grant: foreignGrant } = await mintGrant({ orgId: org.id, serverId: other.id, label: "elsewhere", actor });
    const wrongGrant = await callRoute(simulateRoute.POST, "POST", `/policies/${id}/simulate`, {
      key: keys.viewer,
      params: { id },
      body: { grantId: foreignGrant.id, tool: "x" },
    });
    expect(wrongGrant.status).toBe(422);
    expect(wrongGrant.json.error.details.fieldErrors.grantId).toBeDefined();
    const noTool = await callRoute(simulateRoute.POST, "POST", `/policies/${id}/simulate`, { key: keys.viewer, params: { id }, body: { arguments: [] } });
    expect(Object.keys(noTool.json.error.details.fieldErrors).sort()).toEqual(["arguments", "tool"]);
  });
});
