import { describe, expect, it } from "vitest";
import * as adminEventsRoute from "@/app/api/v1/admin-events/route";
import * as callsRoute from "@/app/api/v1/calls/route";
import * as serversRoute from "@/app/api/v1/servers/route";
import { getDb } from "@/lib/db/client";
import { callRoute, createApiOrg } from "./api-helpers";

const BASE = Date.parse("2026-03-01T12:00:00Z");

async function insertCalls(orgId: string, rows: Array<{ minute: number; tool: string; decision: "allowed" | "denied" }>) {
  const db = await getDb();
  await db.call.createMany({
    data: rows.map((row) => ({
      orgId,
      serverId: "srv-1",
      grantId: "grant-1",
      grantLabel: "agent",
      method: "tools/call",
      tool: row.tool,
      decision: row.decision,
      code: row.decision === "denied" ? "tool_denied" : "allowed",
      argumentKeys: ["path"],
      totalMs: 2,
      createdAt: new Date(BASE + row.minute * 60_000),
    })),
  });
}

describe("/api/v1 logs", () => {
  it("searches calls with the explorer's filters and pages with a cursor, inside the key's organisation", async () => {
    const a = await createApiOrg("calls-a");
    const b = await createApiOrg("calls-b");
    await insertCalls(a.org.id, [
      { minute: 0, tool: "read", decision: "allowed" },
      { minute: 1, tool: "write", decision: "denied" },
      { minute: 2, tool: "write", decision: "denied" },
      { minute: 3, tool: "read", decision: "allowed" },
    ]);
    await insertCalls(b.org.id, [{ minute: 1, tool: "write", decision: "denied" }]);
    const denied = await callRoute(callsRoute.GET, "GET", "/calls", { key: a.keys.viewer, query: { decision: "denied", limit: "1" } });
    expect(denied.status).toBe(200);
    expect(denied.json.items).toEqual([
      expect.objectContaining({ tool: "write", decision: "denied", code: "tool_denied", createdAt: "2026-03-01T12:02:00.000Z" }),
    ]);
    const next = await callRoute(callsRoute.GET, "GET", "/calls", {
      key: a.keys.viewer,
      query: { decision: "denied", limit: "1", cursor: denied.json.nextCursor },
    });
    expect(next.json.items.map((call: { createdAt: string }) => call.createdAt)).toEqual(["2026-03-01T12:01:00.000Z"]);
    expect(next.json.nextCursor).toBeNull();
    const window = await callRoute(callsRoute.GET, "GET", "/calls", {
      key: a.keys.viewer,
      query: { tool: "read", from: "2026-03-01T12:01:00Z", to: "2026-03-01T12:10:00Z" },
    });
    expect(window.json.items).toHaveLength(1);
    const invalid = await callRoute(callsRoute.GET, "GET", "/calls", { key: a.keys.viewer, query: { decision: "maybe", from: "yesterday" } });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json.error.details.fieldErrors).sort()).toEqual(["query.decision", "query.from"]);
  });

  it("lists admin events with the key as actor, for admin keys", async () => {
    const { keys } = await createApiOrg("events");
    await callRoute(serversRoute.POST, "POST", "/servers", { key: keys.admin, body: { name: "s", url: "https://s.example.test/mcp" } });
    const events = await callRoute(adminEventsRoute.GET, "GET", "/admin-events", { key: keys.admin, query: { action: "server.created" } });
    expect(events.status).toBe(200);
    expect(events.json.items).toEqual([expect.objectContaining({ action: "server.created", actorLabel: 'API key "admin key"' })]);
    const used = await callRoute(adminEventsRoute.GET, "GET", "/admin-events", { key: keys.admin, query: { action: "api_key.used" } });
    expect(used.json.items.length).toBeGreaterThanOrEqual(1);
    const invalid = await callRoute(adminEventsRoute.GET, "GET", "/admin-events", { key: keys.admin, query: { from: "soon" } });
    expect(invalid.status).toBe(422);
  });
});
