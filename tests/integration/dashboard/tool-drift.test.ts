/**
 * Drift shows what changed: a real in-process MCP upstream changes a tool's description and input
 * schema, a refresh records the drift with a per-field diff against the accepted definition, and
 * the dashboard's accept action (admin only) makes the current definition the accepted one.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { acceptDriftAction } from "@/app/(dashboard)/[orgSlug]/servers/actions";
import { getDb } from "@/lib/db/client";
import { createServer } from "@/lib/db/servers";
import { getTool, listTools } from "@/lib/db/tools";
import { refreshServerTools } from "@/lib/servers/refresh-tools";
import { addMember, createTestOrg, createTestUser } from "../../helpers/harness";
import { formData, signInAs } from "./action-context";

vi.mock("@/lib/auth/index", async () => (await import("./action-context")).authModule);
vi.mock("next/headers", async () => (await import("./action-context")).headersModule);
vi.mock("next/cache", async () => (await import("./action-context")).cacheModule);

/** What the upstream lists now; tests change it between refreshes. */
let version: "v1" | "v2" = "v1";
let httpServer: http.Server;
let upstreamUrl: string;

function buildServer(): McpServer {
  const server = new McpServer({ name: "drift-upstream", version: "1.0.0" });
  if (version === "v1") {
    server.registerTool("send_message", { description: "Send a message to a colleague", inputSchema: { to: z.string() } }, async () => ({ content: [] }));
  } else {
    server.registerTool(
      "send_message",
      { description: "Send a message to anyone, including external addresses", inputSchema: { to: z.string().email(), bcc: z.string().optional() } },
      async () => ({ content: [] }),
    );
  }
  server.registerTool("stable_tool", { description: "Never changes" }, async () => ({ content: [] }));
  return server;
}

beforeAll(async () => {
  // Stateless: a fresh server per request, so each tools/list reads the current version.
  httpServer = http.createServer(async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer().connect(transport);
    res.on("close", () => void transport.close());
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`;
});

afterAll(async () => {
  httpServer.closeAllConnections();
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
});

afterEach(() => {
  signInAs(null);
  version = "v1";
});

describe("tool drift with a readable diff", () => {
  it("shows the changed description and schema pointers, then accepting clears the drift", async () => {
    const { user: admin, org, actor } = await createTestOrg("drift-diff");
    const server = await createServer({ orgId: org.id, data: { name: "chat", url: upstreamUrl }, actor });
    expect((await refreshServerTools({ orgId: org.id, serverId: server.id, actor })).added.sort()).toEqual(["send_message", "stable_tool"]);
    expect((await getTool({ orgId: org.id, serverId: server.id, name: "send_message" })).drift).toBeNull();

    version = "v2";
    const refreshed = await refreshServerTools({ orgId: org.id, serverId: server.id, actor });
    expect(refreshed).toMatchObject({ added: [], drifted: ["send_message"], removed: [] });

    const tool = await getTool({ orgId: org.id, serverId: server.id, name: "send_message" });
    expect(tool.hasDrift).toBe(true);
    if (!tool.drift?.recorded) throw new Error("expected a recorded drift");
    const { text, json } = tool.drift.diff;
    expect(text).toEqual([
      expect.objectContaining({
        field: "description",
        before: "Send a message to a colleague",
        after: "Send a message to anyone, including external addresses",
      }),
    ]);
    const schemaChanges = json.find((diff) => diff.field === "inputSchema")?.changes ?? [];
    expect(schemaChanges).toEqual(
      expect.arrayContaining([
        { op: "added", pointer: "/properties/bcc", after: { type: "string" } },
        { op: "added", pointer: "/properties/to/format", after: "email" },
      ]),
    );
    expect(schemaChanges.every((change) => change.pointer.startsWith("/properties/"))).toBe(true);
    expect(json.map((diff) => diff.field)).not.toContain("annotations");
    const listed = await listTools({ orgId: org.id, serverId: server.id });
    expect(listed.find((t) => t.name === "stable_tool")?.drift).toBeNull();
    expect(listed.find((t) => t.name === "send_message")?.drift).toEqual(tool.drift);

    // A viewer cannot accept; the drift stays.
    const viewer = await createTestUser("drift-viewer");
    await addMember(org.id, viewer, "viewer");
    signInAs(viewer);
    expect(await acceptDriftAction(null, formData({ orgSlug: org.slug, serverId: server.id, toolName: "send_message" }))).toMatchObject({ ok: false });
    expect((await getTool({ orgId: org.id, serverId: server.id, name: "send_message" })).hasDrift).toBe(true);

    signInAs(admin);
    expect(await acceptDriftAction(null, formData({ orgSlug: org.slug, serverId: server.id, toolName: "send_message" }))).toMatchObject({ ok: true });
    const accepted = await getTool({ orgId: org.id, serverId: server.id, name: "send_message" });
    expect(accepted).toMatchObject({ hasDrift: false, drift: null, driftedAt: null, description: "Send a message to anyone, including external addresses" });
    const db = await getDb();
    expect(await db.adminEvent.count({ where: { orgId: org.id, action: "tool.drift_accepted", targetId: accepted.id } })).toBe(1);

    // The accepted definition is now v2: refreshing v2 again finds no drift, and going back to v1 diffs against v2.
    expect(await refreshServerTools({ orgId: org.id, serverId: server.id, actor })).toMatchObject({ drifted: [] });
    version = "v1";
    await refreshServerTools({ orgId: org.id, serverId: server.id, actor });
    const back = await getTool({ orgId: org.id, serverId: server.id, name: "send_message" });
    expect(back.drift?.recorded && back.drift.diff.text[0]).toMatchObject({
      before: "Send a message to anyone, including external addresses",
      after: "Send a message to a colleague",
    });
  });

  it("says the previous definition was not recorded for drift found before it was stored", async () => {
    const { org, actor } = await createTestOrg("drift-legacy");
    const server = await createServer({ orgId: org.id, data: { name: "chat", url: upstreamUrl }, actor });
    await refreshServerTools({ orgId: org.id, serverId: server.id, actor });
    const db = await getDb();
    // A row as the migration leaves it: an accepted hash from an older definition, no accepted definition.
    await db.tool.updateMany({ where: { orgId: org.id, name: "send_message" }, data: { acceptedHash: "older" } });
    await db.$executeRaw`UPDATE "Tool" SET "acceptedDefinition" = NULL WHERE "orgId" = ${org.id} AND name = 'send_message'`;
    const tool = await getTool({ orgId: org.id, serverId: server.id, name: "send_message" });
    expect(tool).toMatchObject({ hasDrift: true, drift: { recorded: false } });
  });

  it("refuses to accept another organisation's tool as if it did not exist", async () => {
    const a = await createTestOrg("drift-a");
    const b = await createTestOrg("drift-b");
    const server = await createServer({ orgId: a.org.id, data: { name: "chat", url: upstreamUrl }, actor: a.actor });
    await refreshServerTools({ orgId: a.org.id, serverId: server.id, actor: a.actor });
    signInAs(b.user);
    expect(await acceptDriftAction(null, formData({ orgSlug: b.org.slug, serverId: server.id, toolName: "send_message" }))).toMatchObject({ ok: false });
  });
});
