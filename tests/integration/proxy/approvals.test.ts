/**
 * The approval flow end to end (SPEC §4): real database, a real SDK upstream that counts the calls
 * it runs, proxies served over HTTP and the SDK client. Approvers act through the data layer
 * (decideApproval), as the dashboard and API do. Holding proxies re-read only every 60 s here, so a
 * hold that ends sooner was woken by the change notice, not by polling.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit";
import { getApprovalWebhook, setApprovalWebhook } from "@/lib/db/approval-webhook";
import { decideApproval, getApproval, getApprovalArguments, listApprovals } from "@/lib/db/approvals";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { signWebhookBody } from "@/proxy/approval-webhook";
import { type SdkUpstream, startProxyChild, startSdkUpstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, listCallRows, type RunningProxy, startProxy, type Tenant, textOf } from "./fixtures";

const TOOL = "focus_export_session";
const NO_POLLING = { approvalPollMs: 60_000 };
const policyWith = (timeout = "30m", limits: object[] = []) => ({
  version: "1",
  default: "deny",
  tools: { [TOOL]: { action: "require_approval", approval: { timeout }, limits } },
});

let upstream: SdkUpstream;
let holding: RunningProxy;
let holdingB: RunningProxy;
let brief: RunningProxy;

beforeAll(async () => {
  [upstream] = await Promise.all([startSdkUpstream(), getDb()]);
});

afterAll(async () => {
  await upstream?.close();
});

// Fresh proxies per test: no test inherits another's idle upstream sockets.
beforeEach(async () => {
  [holding, holdingB, brief] = await Promise.all([
    startProxy({ approvalHoldMs: 15_000, ...NO_POLLING }),
    startProxy({ approvalHoldMs: 15_000, ...NO_POLLING }),
    startProxy({ approvalHoldMs: 200, ...NO_POLLING }),
  ]);
});

afterEach(async () => {
  await Promise.all([holding?.close(), holdingB?.close(), brief?.close()]);
});

const upstreamRuns = () => upstream.calls.get(TOOL) ?? 0;

type Agent = {
  tenant: Tenant;
  grantId: string;
  url: string;
  token: string;
  sessionId: string;
  call: (args: Record<string, unknown>, options?: object) => Promise<Record<string, unknown>>;
};

async function agentOn(proxy: RunningProxy, timeout?: string, limits?: object[]): Promise<Agent> {
  const tenant = await createTenant(upstream.url);
  const { token, grantId } = await createGrantWithPolicy(tenant, policyWith(timeout, limits));
  const url = proxy.http.urlFor(tenant.serverId);
  const { client, transport } = await connectClient(url, token);
  return {
    tenant,
    grantId,
    url,
    token,
    sessionId: transport.sessionId as string,
    call: (args, options) => client.callTool({ name: TOOL, arguments: args }, undefined, { timeout: 30_000, ...options }) as Promise<Record<string, unknown>>,
  };
}

async function nextPendingApproval(orgId: string, except: string[] = []): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const { items } = await listApprovals({ orgId, status: "pending" });
        found = items.find((item) => !except.includes(item.id))?.id;
        return found;
      },
      { timeout: 10_000, interval: 20 },
    )
    .toMatch(/^apr_/);
  return found as string;
}

const decisionMeta = (result: Record<string, unknown>): Record<string, unknown> =>
  (result._meta as Record<string, Record<string, unknown>> | undefined)?.["toolgate/decision"] ?? {};

async function approve(tenant: Tenant, approvalId: string, note?: string): Promise<void> {
  await decideApproval({ orgId: tenant.orgId, approvalId, decision: "approve", note, actor: tenant.actor });
}

describe("approval flow", () => {
  it("forwards a call approved during the hold: the agent gets the real result and the upstream runs it once", async () => {
    const agent = await agentOn(holding);
    const before = upstreamRuns();
    const pending = agent.call({ format: "csv" });
    const approvalId = await nextPendingApproval(agent.tenant.orgId);
    expect(upstreamRuns()).toBe(before);
    const decidedAt = performance.now();
    await approve(agent.tenant, approvalId);
    const result = await pending;
    expect(performance.now() - decidedAt).toBeLessThan(2_000);
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe("exported as csv");
    expect(upstreamRuns()).toBe(before + 1);
    expect(await getApproval({ orgId: agent.tenant.orgId, approvalId })).toMatchObject({ status: "consumed", decidedByLabel: agent.tenant.actor.label });
    await holding.proxy.drainCallLog();
    const rows = (await listCallRows(agent.tenant.orgId)).filter((row) => row.method === "tools/call");
    expect(rows).toMatchObject([{ decision: "allowed", code: "allowed", upstreamStatus: 200 }]);
    const db = await getDb();
    const events = await db.adminEvent.findMany({ where: { orgId: agent.tenant.orgId, targetId: approvalId }, select: { action: true } });
    expect(events).toEqual([{ action: "approval.approved" }]);
  });

  it("denies a call denied during the hold with approval_denied and the approver's note", async () => {
    const agent = await agentOn(holding);
    const before = upstreamRuns();
    const pending = agent.call({ format: "csv" });
    const approvalId = await nextPendingApproval(agent.tenant.orgId);
    await decideApproval({ orgId: agent.tenant.orgId, approvalId, decision: "deny", note: "not during the audit", actor: agent.tenant.actor });
    const result = await pending;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("not during the audit");
    expect(decisionMeta(result)).toMatchObject({ code: "approval_denied", approvalId });
    expect(upstreamRuns()).toBe(before);
    await holding.proxy.drainCallLog();
    expect((await listCallRows(agent.tenant.orgId)).filter((row) => row.method === "tools/call")).toMatchObject([
      { decision: "denied", code: "approval_denied" },
    ]);
  });

  it("answers approval_pending after the hold, runs the identical retry once after approval, and holds a further retry again", async () => {
    const agent = await agentOn(brief);
    const before = upstreamRuns();
    const first = await agent.call({ format: "csv" });
    expect(first.isError).toBe(true);
    const { approvalId } = decisionMeta(first) as { approvalId: string };
    expect(approvalId).toMatch(/^apr_/);
    expect(textOf(first)).toContain(approvalId);
    expect(textOf(first)).toMatch(/retry the same call/i);
    expect(decisionMeta(first)).toMatchObject({ code: "approval_pending" });

    // A retry before anyone decided waits on the same approval.
    expect(decisionMeta(await agent.call({ format: "csv" }))).toMatchObject({ code: "approval_pending", approvalId });

    await approve(agent.tenant, approvalId);
    // Two identical retries at once: the approval is consumed by exactly one of them.
    const retries = await Promise.all([agent.call({ format: "csv" }), agent.call({ format: "csv" })]);
    const ran = retries.filter((result) => !result.isError);
    const held = retries.filter((result) => result.isError);
    expect(ran.map(textOf)).toEqual(["exported as csv"]);
    expect(held.map((result) => decisionMeta(result).code)).toEqual(["approval_pending"]);
    expect(decisionMeta(held[0] as Record<string, unknown>).approvalId).not.toBe(approvalId);
    expect(upstreamRuns()).toBe(before + 1);

    const again = await agent.call({ format: "csv" });
    expect(decisionMeta(again)).toMatchObject({ code: "approval_pending" });
    expect(upstreamRuns()).toBe(before + 1);
    expect(await getApproval({ orgId: agent.tenant.orgId, approvalId })).toMatchObject({ status: "consumed" });

    await brief.proxy.drainCallLog();
    const rows = (await listCallRows(agent.tenant.orgId)).filter((row) => row.method === "tools/call");
    expect(rows.map((row) => `${row.decision}/${row.code}`).sort()).toEqual(["allowed/allowed", ...Array(4).fill("pending/approval_pending")].sort());
  });

  it("keeps an approval to the call it was asked for: other arguments need their own", async () => {
    const agent = await agentOn(brief);
    const first = await agent.call({ format: "csv" });
    const { approvalId } = decisionMeta(first) as { approvalId: string };
    await approve(agent.tenant, approvalId);
    const other = await agent.call({ format: "json" });
    expect(decisionMeta(other)).toMatchObject({ code: "approval_pending" });
    expect(decisionMeta(other).approvalId).not.toBe(approvalId);
    expect(textOf(await agent.call({ format: "csv" }))).toBe("exported as csv");
  });

  it("applies the policy's limits after approval, and keeps an approval whose call was rate-limited", async () => {
    const agent = await agentOn(brief, "30m", [{ counter: "exports", window: "hour", max: 1 }]);
    const runOnce = async (format: string) => {
      const { approvalId } = decisionMeta(await agent.call({ format })) as { approvalId: string };
      await approve(agent.tenant, approvalId);
      return { approvalId, result: await agent.call({ format }) };
    };
    expect(textOf((await runOnce("csv")).result)).toBe("exported as csv");
    const limited = await runOnce("json");
    expect(decisionMeta(limited.result)).toMatchObject({ code: "rate_limited" });
    expect(await getApproval({ orgId: agent.tenant.orgId, approvalId: limited.approvalId })).toMatchObject({ status: "approved", consumedAt: null });
  });

  it("answers approval_expired when nobody decides before the approval's timeout", async () => {
    const agent = await agentOn(holding, "1s");
    const result = await agent.call({ format: "csv" });
    expect(decisionMeta(result)).toMatchObject({ code: "approval_expired" });
    const { approvalId } = decisionMeta(result) as { approvalId: string };
    expect(await getApproval({ orgId: agent.tenant.orgId, approvalId })).toMatchObject({ status: "expired" });
    await expect(approve(agent.tenant, approvalId)).rejects.toMatchObject({ code: "conflict" });
    await holding.proxy.drainCallLog();
    expect((await listCallRows(agent.tenant.orgId)).filter((row) => row.method === "tools/call")).toMatchObject([
      { decision: "denied", code: "approval_expired" },
    ]);
  });

  it("wakes a hold on another proxy instance at once when the decision is made elsewhere", async () => {
    const agent = await agentOn(holdingB);
    const pending = agent.call({ format: "xml" });
    const approvalId = await nextPendingApproval(agent.tenant.orgId);
    const decidedAt = performance.now();
    await approve(agent.tenant, approvalId);
    expect(textOf(await pending)).toBe("exported as xml");
    // Polling is set to 60 s: only the change notice can have ended the hold this soon.
    expect(performance.now() - decidedAt).toBeLessThan(2_000);
  });

  it("sends progress notifications naming the approval while holding a call that asked for progress", async () => {
    const agent = await agentOn(holding);
    const messages: string[] = [];
    let approved: Promise<void> | null = null;
    const result = await agent.call(
      { format: "yaml" },
      {
        resetTimeoutOnProgress: true,
        onprogress: (progress: { message?: string }) => {
          messages.push(progress.message ?? "");
          const id = /apr_[A-Za-z0-9_-]+/.exec(progress.message ?? "")?.[0];
          if (id && !approved) approved = approve(agent.tenant, id);
        },
      },
    );
    expect(approved).not.toBeNull();
    await approved;
    expect(messages[0]).toMatch(/Waiting for approval apr_/);
    expect(textOf(result)).toBe("exported as yaml");
  });

  it("stops holding when the client goes away, records the call and forwards nothing", async () => {
    const agent = await agentOn(holding);
    const before = upstreamRuns();
    const aborter = new AbortController();
    // fetch rather than the SDK client: the SDK's signal leaves the HTTP request open.
    const pending = fetch(agent.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${agent.token}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-session-id": agent.sessionId,
        "mcp-protocol-version": "2025-11-25",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: "gone-1", method: "tools/call", params: { name: TOOL, arguments: { format: "csv" } } }),
      signal: aborter.signal,
    });
    pending.catch(() => {});
    const approvalId = await nextPendingApproval(agent.tenant.orgId);
    aborter.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    const db = await getDb();
    await expect
      .poll(
        async () => {
          await holding.proxy.drainCallLog();
          return db.call.findFirst({ where: { orgId: agent.tenant.orgId, requestId: "gone-1" }, select: { decision: true, code: true, message: true } });
        },
        { timeout: 5_000 },
      )
      .toMatchObject({ decision: "pending", code: "approval_pending", message: expect.stringMatching(/client closed/i) });
    // Approving afterwards runs nothing by itself: only an identical retry would.
    await approve(agent.tenant, approvalId);
    expect(upstreamRuns()).toBe(before);
  });

  it("stores arguments encrypted and never writes their values to the call log", async () => {
    const agent = await agentOn(brief);
    const secret = "card-4242-4242-secret";
    const result = await agent.call({ format: secret });
    const { approvalId } = decisionMeta(result) as { approvalId: string };
    const db = await getDb();
    const raw = await db.$queryRaw<Array<{ text: string }>>`SELECT row_to_json(a)::text AS text FROM "Approval" a WHERE id = ${approvalId}`;
    expect(raw[0]?.text).toContain("v1:");
    expect(raw[0]?.text).not.toContain(secret);
    expect(await getApprovalArguments({ orgId: agent.tenant.orgId, approvalId })).toEqual({ format: secret });
    await brief.proxy.drainCallLog();
    const calls = await db.$queryRaw<Array<{ text: string }>>`SELECT row_to_json(c)::text AS text FROM "Call" c WHERE "orgId" = ${agent.tenant.orgId}`;
    expect(calls.length).toBeGreaterThan(0);
    for (const row of calls) expect(row.text).not.toContain(secret);
    expect((await listCallRows(agent.tenant.orgId)).find((row) => row.method === "tools/call")?.argumentKeys).toEqual(["format"]);
  });

  it("answers another organisation's approval ids exactly like missing ones", async () => {
    const agent = await agentOn(brief);
    const result = await agent.call({ format: "csv" });
    const { approvalId } = decisionMeta(result) as { approvalId: string };
    const other = await createTenant(upstream.url);
    const foreignActor: Actor = other.actor;
    expect(await getApproval({ orgId: other.orgId, approvalId })).toBeNull();
    expect(await getApprovalArguments({ orgId: other.orgId, approvalId })).toBeNull();
    expect((await listApprovals({ orgId: other.orgId })).items).toEqual([]);
    for (const id of [approvalId, "apr_doesnotexist0000"]) {
      const error = await decideApproval({ orgId: other.orgId, approvalId: id, decision: "approve", actor: foreignActor }).catch((caught) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "not_found" });
    }
    expect(await getApproval({ orgId: agent.tenant.orgId, approvalId })).toMatchObject({ status: "pending" });
  });

  it("announces each new approval request to the organisation's webhook, signed and without argument values", async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const agent = await agentOn(brief);
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/toolgate`;
      const { secret } = await setApprovalWebhook({ orgId: agent.tenant.orgId, url, actor: agent.tenant.actor });
      expect(secret).toMatch(/^whsec_/);
      expect(await getApprovalWebhook({ orgId: agent.tenant.orgId })).toEqual({ url });
      const db = await getDb();
      const stored = await db.organization.findUniqueOrThrow({ where: { id: agent.tenant.orgId }, select: { approvalWebhookSecret: true } });
      expect(stored.approvalWebhookSecret).not.toContain(secret as string);

      const argument = "do-not-announce-this-value";
      const first = await agent.call({ format: argument });
      const { approvalId } = decisionMeta(first) as { approvalId: string };
      await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
      // The identical retry waits on the same request: no second announcement.
      await agent.call({ format: argument });
      const [delivery] = received;
      const body = JSON.parse(delivery?.body ?? "{}") as Record<string, unknown>;
      expect(body).toMatchObject({ id: approvalId, tool: TOOL, grant: { id: agent.grantId, label: "agent" }, server: { id: agent.tenant.serverId } });
      expect(Object.keys(body).sort()).toEqual(["expiresAt", "grant", "id", "requestedAt", "server", "tool"]);
      expect(delivery?.body).not.toContain(argument);
      const signature = String(delivery?.headers["toolgate-signature"]);
      const timestamp = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(signature)?.[1]);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
      expect(signature).toBe(signWebhookBody(secret as string, delivery?.body ?? "", timestamp));
      expect(received).toHaveLength(1);
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

// An in-process PGlite cannot be shared between processes: this part runs on the PostgreSQL server.
describe.skipIf(!getEnv().DATABASE_URL)("approval flow across processes", () => {
  it("releases a call held by a proxy in another process when this process decides", async () => {
    const child = await startProxyChild({ TOOLGATE_APPROVAL_HOLD_MS: "15000" });
    try {
      const tenant = await createTenant(upstream.url);
      const { token } = await createGrantWithPolicy(tenant, policyWith());
      const { client } = await connectClient(`${child.url}/mcp/${tenant.serverId}`, token);
      const before = upstreamRuns();
      const pending = client.callTool({ name: TOOL, arguments: { format: "tsv" } }, undefined, { timeout: 30_000 });
      const approvalId = await nextPendingApproval(tenant.orgId);
      await approve(tenant, approvalId);
      expect(textOf(await pending)).toBe("exported as tsv");
      expect(upstreamRuns()).toBe(before + 1);
      expect(await getApproval({ orgId: tenant.orgId, approvalId })).toMatchObject({ status: "consumed" });
      await client.close();
    } finally {
      await child.close();
    }
  });
});
