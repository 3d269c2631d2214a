/**
 * /api/v1/approvals: list and read held calls, approve or deny them. Arguments follow the
 * dashboard's rule (policy manager and up), other organisations' ids answer 404 like missing ones,
 * and a second decision answers 409.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import * as approveRoute from "@/app/api/v1/approvals/[id]/approve/route";
import * as denyRoute from "@/app/api/v1/approvals/[id]/deny/route";
import * as approvalRoute from "@/app/api/v1/approvals/[id]/route";
import * as approvalsRoute from "@/app/api/v1/approvals/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { main } from "@/lib/cli/main";
import { findOrCreatePendingApproval, getApproval } from "@/lib/db/approvals";
import { getDb } from "@/lib/db/client";
import { mintGrant } from "@/lib/db/grants";
import { createServer } from "@/lib/db/servers";
import { callRoute, createApiOrg } from "./api-helpers";

const ARGS = { account: "acme", amount: 99.5 };

async function setup(prefix: string) {
  const fixture = await createApiOrg(prefix);
  const { org, actor } = fixture;
  const server = await createServer({ orgId: org.id, data: { name: "billing", url: "https://billing.example.test/mcp" }, actor });
  const { grant } = await mintGrant({ orgId: org.id, serverId: server.id, label: "refund-bot", actor });
  const hold = async (tool: string) => {
    const { approval } = await findOrCreatePendingApproval({
      orgId: org.id,
      serverId: server.id,
      grantId: grant.id,
      tool,
      args: ARGS,
      callHash: randomBytes(16).toString("hex"),
      timeoutMs: 600_000,
    });
    return approval.id;
  };
  return { ...fixture, server, grant, hold };
}

describe("/api/v1 approvals", () => {
  it("lists, reads, approves and denies, with statuses and paging", async () => {
    const { org, keys, hold } = await setup("api-apr");
    const ids = [await hold("refund"), await hold("close_account"), await hold("wire")];
    const db = await getDb();
    // Distinct request times, oldest first, so that "newest first" is deterministic.
    for (const [index, id] of ids.entries()) await db.approval.update({ where: { id }, data: { requestedAt: new Date(Date.now() - (3 - index) * 60_000) } });

    const pending = await callRoute(approvalsRoute.GET, "GET", "/approvals", { key: keys.viewer, query: { status: "pending", limit: "2" } });
    expect(pending.status).toBe(200);
    expect(pending.json.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    expect(pending.json.items[0]).toMatchObject({ tool: "wire", serverName: "billing", grantLabel: "refund-bot", status: "pending", decidedAt: null });
    expect(pending.json.items[0]).not.toHaveProperty("arguments");
    const next = await callRoute(approvalsRoute.GET, "GET", "/approvals", { key: keys.viewer, query: { status: "pending", cursor: pending.json.nextCursor } });
    expect(next.json).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });

    const approved = await callRoute(approveRoute.POST, "POST", `/approvals/${ids[0]}/approve`, {
      key: keys.manager,
      params: { id: ids[0] as string },
      body: { note: "ok by finance" },
    });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ id: ids[0], status: "approved", note: "ok by finance", decidedByLabel: "API key policy_manager key" });
    const denied = await callRoute(denyRoute.POST, "POST", `/approvals/${ids[1]}/deny`, { key: keys.admin, params: { id: ids[1] as string }, body: {} });
    expect(denied.json).toMatchObject({ id: ids[1], status: "denied", note: null });
    expect(await db.adminEvent.count({ where: { orgId: org.id, action: { in: ["approval.approved", "approval.denied"] } } })).toBe(2);

    const byStatus = async (status: string) =>
      (await callRoute(approvalsRoute.GET, "GET", "/approvals", { key: keys.viewer, query: { status } })).json.items.map((item: { id: string }) => item.id);
    expect(await byStatus("pending")).toEqual([ids[2]]);
    expect(await byStatus("approved")).toEqual([ids[0]]);
    expect(await byStatus("denied")).toEqual([ids[1]]);
    const all = await callRoute(approvalsRoute.GET, "GET", "/approvals", { key: keys.viewer });
    expect(all.json.items).toHaveLength(3);
    const invalid = await callRoute(approvalsRoute.GET, "GET", "/approvals", { key: keys.viewer, query: { status: "maybe" } });
    expect(invalid.status).toBe(422);
  });

  it("returns arguments to policy manager and admin keys only", async () => {
    const { keys, hold } = await setup("api-apr-args");
    const id = await hold("refund");
    const asViewer = await callRoute(approvalRoute.GET, "GET", `/approvals/${id}`, { key: keys.viewer, params: { id } });
    expect(asViewer.status).toBe(200);
    expect(asViewer.json).toMatchObject({ id, tool: "refund", status: "pending", arguments: null });
    for (const key of [keys.manager, keys.admin]) {
      const response = await callRoute(approvalRoute.GET, "GET", `/approvals/${id}`, { key, params: { id } });
      expect(response.json.arguments).toEqual(ARGS);
    }
  });

  it("refuses a viewer key the decision, and answers 409 to a second decision", async () => {
    const { org, keys, hold } = await setup("api-apr-409");
    const id = await hold("refund");
    const asViewer = await callRoute(approveRoute.POST, "POST", `/approvals/${id}/approve`, { key: keys.viewer, params: { id }, body: {} });
    expect(asViewer.status).toBe(403);
    expect(await getApproval({ orgId: org.id, approvalId: id })).toMatchObject({ status: "pending" });

    expect((await callRoute(approveRoute.POST, "POST", `/approvals/${id}/approve`, { key: keys.manager, params: { id }, body: {} })).status).toBe(200);
    for (const route of [approveRoute, denyRoute]) {
      const again = await callRoute(route.POST, "POST", `/approvals/${id}/x`, { key: keys.manager, params: { id }, body: {} });
      expect(again.status).toBe(409);
      expect(again.json.error).toMatchObject({ code: "conflict", message: "This approval is already approved and can no longer be decided." });
    }
    expect(await getApproval({ orgId: org.id, approvalId: id })).toMatchObject({ status: "approved" });
  });

  it("answers 404 for another organisation's approval, exactly like a missing one, and leaves it pending", async () => {
    const a = await setup("api-apr-a");
    const b = await setup("api-apr-b");
    const foreignId = await b.hold("refund");
    for (const [route, method, suffix] of [
      [approvalRoute.GET, "GET", ""],
      [approveRoute.POST, "POST", "/approve"],
      [denyRoute.POST, "POST", "/deny"],
    ] as const) {
      const body = method === "POST" ? {} : undefined;
      const foreign = await callRoute(route, method, `/approvals/${foreignId}${suffix}`, { key: a.keys.admin, params: { id: foreignId }, body });
      const missing = await callRoute(route, method, `/approvals/apr_missing${suffix}`, { key: a.keys.admin, params: { id: "apr_missing" }, body });
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(foreign.json.error.message).toBe(missing.json.error.message);
    }
    const listed = await callRoute(approvalsRoute.GET, "GET", "/approvals", { key: a.keys.admin });
    expect(listed.json.items).toEqual([]);
    expect(await getApproval({ orgId: b.org.id, approvalId: foreignId })).toMatchObject({ status: "pending", decidedAt: null });
  });
});

describe("the OpenAPI document", () => {
  it("describes the approvals operations, their roles and what 409 means", async () => {
    const document = await getOpenApi(new Request("http://toolgate.test/api/v1/openapi.json")).json();
    expect(document.paths["/approvals"].get).toMatchObject({ operationId: "listApprovals", "x-toolgate-role": "viewer" });
    expect(document.paths["/approvals/{id}"].get["x-toolgate-role"]).toBe("viewer");
    for (const action of ["approve", "deny"]) {
      const operation = document.paths[`/approvals/{id}/${action}`].post;
      expect(operation["x-toolgate-role"]).toBe("policy_manager");
      expect(operation.responses["409"].description).toContain("no longer pending");
      expect(operation.responses["404"]).toBeDefined();
    }
  });
});

/** The approvals routes over HTTP in this process, for the command line's client. */
async function serveApprovals(): Promise<{ url: string; close: () => Promise<void> }> {
  type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const routes: Array<[string, RegExp, Handler]> = [
    ["GET", /^\/api\/v1\/approvals$/, approvalsRoute.GET],
    ["POST", /^\/api\/v1\/approvals\/(?<id>[^/]+)\/approve$/, approveRoute.POST],
    ["POST", /^\/api\/v1\/approvals\/(?<id>[^/]+)\/deny$/, denyRoute.POST],
  ];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const route = routes.find(([method, pattern]) => method === req.method && pattern.test(url.pathname));
    if (!route) return void res.writeHead(404).end();
    const headers = new Headers(Object.entries(req.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
    const response = await route[2](new Request(url, { method: req.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined }), {
      params: Promise.resolve({ ...(route[1].exec(url.pathname)?.groups ?? {}) }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("toolgate approvals", () => {
  it("lists pending approvals, approves and denies with a note, and fails on a second decision", async () => {
    const { org, keys, hold } = await setup("cli-apr");
    const [first, second] = [await hold("refund"), await hold("wire")];
    const server = await serveApprovals();
    try {
      const toolgate = async (argv: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(argv, {
          output: { out: (text) => out.push(text), err: (text) => err.push(text) },
          clientConfig: { url: server.url, apiKey: keys.manager },
        });
        return { code, out: out.join("\n"), err: err.join("\n") };
      };
      const listed = await toolgate(["approvals", "list"]);
      expect(listed.code).toBe(0);
      expect(listed.out).toContain(first);
      expect(listed.out).toContain(second);
      const approved = await toolgate(["approvals", "approve", first, "--note", "fine", "--json"]);
      expect(JSON.parse(approved.out)).toMatchObject({ id: first, status: "approved", note: "fine" });
      expect((await toolgate(["approvals", "deny", second])).out).toBe(`Denied wire on billing (${second}).`);
      const again = await toolgate(["approvals", "deny", first]);
      expect(again.code).toBe(1);
      expect(again.err).toContain("already approved");
      expect(JSON.parse((await toolgate(["approvals", "list", "--json"])).out)).toEqual([]);
      expect((await toolgate(["approvals", "approve"])).code).toBe(2);
      expect(await getApproval({ orgId: org.id, approvalId: second })).toMatchObject({ status: "denied" });
    } finally {
      await server.close();
    }
  });
});
