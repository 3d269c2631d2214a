import { describe, expect, it } from "vitest";
import { toCsvHeader, toCsvRow, toNdjsonRow } from "@/lib/calls-export";
import type { CallDto } from "@/lib/db/calls";
import { getDb } from "@/lib/db/client";
import { createPolicy, getPolicy } from "@/lib/db/policies";
import { createServer } from "@/lib/db/servers";
import { upsertToolCatalogue } from "@/lib/db/tools";
import { validatePolicy } from "@/lib/policy/validate";
import { applyRecommendedRule } from "@/lib/servers/apply-tool-rule";
import { dryRunPolicy, verdictForTool } from "@/lib/servers/dry-run";
import { simulateCall } from "@/lib/servers/simulate-call";
import { createTestOrg } from "../../helpers/harness";

async function setup(prefix: string) {
  const { org, actor } = await createTestOrg(prefix);
  const server = await createServer({ orgId: org.id, data: { name: "s", url: "https://example.test/mcp" }, actor });
  await upsertToolCatalogue({
    orgId: org.id,
    serverId: server.id,
    actor,
    tools: [
      { name: "echo", description: "Echo a message", inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] } },
      { name: "delete_entities", description: "Delete entities", annotations: { destructiveHint: true } },
    ],
  });
  const policy = await createPolicy({
    orgId: org.id,
    serverId: server.id,
    name: "p",
    document: { version: "1", default: "deny", tools: { echo: { limits: [{ counter: "echo:minute", window: "minute", max: 3, scope: "grant" }] } } },
    actor,
  });
  return { org, actor, server, policy };
}

describe("simulateCall", () => {
  it("decides as the proxy would, with the catalogue schema and the reservations it would make", async () => {
    const { org, policy } = await setup("sim");
    const allowed = await simulateCall({ orgId: org.id, policyId: policy.id, toolName: "echo", args: { message: "hi" } });
    expect(allowed).toMatchObject({ outcome: "allow", code: "allowed", rule: "/tools/echo", agentText: null, isToolInCatalogue: true });
    expect(allowed.reservations).toEqual([expect.objectContaining({ counter: "echo:minute", max: 3, amount: 1, scope: "grant" })]);
    const invalid = await simulateCall({ orgId: org.id, policyId: policy.id, toolName: "echo", args: { message: 42 } });
    expect(invalid).toMatchObject({ outcome: "deny", code: "invalid_arguments" });
    const denied = await simulateCall({ orgId: org.id, policyId: policy.id, toolName: "delete_entities", args: {} });
    expect(denied).toMatchObject({ outcome: "deny", code: "default_deny", rule: "(default deny)" });
    expect(denied.agentText).toMatch(/^Denied by Toolgate policy "p" v1/);
  });

  it("tests an unsaved draft instead of the saved version when given one", async () => {
    const { org, policy } = await setup("sim-draft");
    const draft = { version: "1", default: "deny", tools: { echo: { action: "deny", reason: "Echo is off." } } };
    const result = await simulateCall({ orgId: org.id, policyId: policy.id, toolName: "echo", args: { message: "hi" }, draft });
    expect(result).toMatchObject({ outcome: "deny", code: "tool_denied", rule: "/tools/echo", policyVersion: null });
    expect(result.agentText).toContain("Echo is off.");
  });

  it("cannot read another organisation's policy", async () => {
    const { policy } = await setup("sim-a");
    const other = await createTestOrg("sim-b");
    await expect(simulateCall({ orgId: other.org.id, policyId: policy.id, toolName: "echo", args: {} })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("applyRecommendedRule", () => {
  it("saves a new version with the tool's suggested rule merged in", async () => {
    const { org, actor, server, policy } = await setup("apply");
    const saved = await applyRecommendedRule({ orgId: org.id, serverId: server.id, toolName: "delete_entities", policyId: policy.id, actor });
    expect(saved.version).toBe(2);
    expect(saved.document.tools.delete_entities).toEqual({ action: "require_approval", approval: { timeout: "30m" } });
    expect(saved.document.tools.echo).toEqual(policy.document.tools.echo);
  });

  it("refuses a policy of another server or organisation", async () => {
    const { org, actor, server, policy } = await setup("apply-x");
    const second = await createServer({ orgId: org.id, data: { name: "t", url: "https://example.test/2" }, actor });
    await upsertToolCatalogue({ orgId: org.id, serverId: second.id, actor, tools: [{ name: "echo" }] });
    await expect(applyRecommendedRule({ orgId: org.id, serverId: second.id, toolName: "echo", policyId: policy.id, actor })).rejects.toMatchObject({
      code: "not_found",
    });
    const other = await createTestOrg("apply-y");
    await expect(
      applyRecommendedRule({ orgId: other.org.id, serverId: server.id, toolName: "echo", policyId: policy.id, actor: other.actor }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await getPolicy({ orgId: org.id, policyId: policy.id })).version).toBe(1);
  });
});

describe("dryRunPolicy", () => {
  it("replays recent tool calls of the server per tool, flags changes and ignores other organisations and old rows", async () => {
    const { org, server, policy } = await setup("dry");
    const other = await createTestOrg("dry-other");
    const db = await getDb();
    const now = new Date("2026-03-10T12:00:00Z");
    const row = (orgId: string, tool: string, decision: "allowed" | "denied", daysAgo: number, code: string = decision) => ({
      orgId,
      serverId: server.id,
      grantId: "g",
      grantLabel: "bot",
      method: "tools/call",
      tool,
      decision,
      code,
      argumentKeys: [],
      totalMs: 1,
      createdAt: new Date(now.getTime() - daysAgo * 86_400_000),
    });
    await db.call.createMany({
      data: [
        row(org.id, "echo", "allowed", 1),
        row(org.id, "echo", "allowed", 2),
        row(org.id, "delete_entities", "denied", 1, "default_deny"),
        row(org.id, "echo", "denied", 1, "invalid_arguments"),
        row(org.id, "echo", "allowed", 30),
        row(other.org.id, "get-sum", "allowed", 1),
      ],
    });
    const draft = { version: "1", default: "allow", tools: { echo: { action: "deny" } } };
    const result = await dryRunPolicy({ orgId: org.id, policyId: policy.id, draft, now });
    expect(result.rows).toEqual([
      { tool: "echo", calls: 3, previouslyAllowed: 2, previouslyDenied: 1, previouslyBlocked: 0, verdict: "deny", isChange: true },
      { tool: "delete_entities", calls: 1, previouslyAllowed: 0, previouslyDenied: 1, previouslyBlocked: 1, verdict: "allow", isChange: true },
    ]);
    const saved = await dryRunPolicy({ orgId: org.id, policyId: policy.id, now, days: 60 });
    expect(saved.rows.map((r) => [r.tool, r.calls, r.verdict, r.isChange])).toEqual([
      ["echo", 4, "limited", false],
      ["delete_entities", 1, "deny", false],
    ]);
    // An argument denial is not "opened" by allowing the tool: the same arguments would fail again.
    const allowAll = await dryRunPolicy({ orgId: org.id, policyId: policy.id, draft: { version: "1", default: "allow" }, now });
    expect(allowAll.rows.map((r) => [r.tool, r.verdict, r.isChange])).toEqual([
      ["delete_entities", "allow", true],
      ["echo", "allow", false],
    ]);
    await expect(dryRunPolicy({ orgId: other.org.id, policyId: policy.id, now })).rejects.toMatchObject({ code: "not_found" });
  });

  it("names a verdict only when it does not depend on the call", () => {
    const compiled = validatePolicy({
      version: "1",
      default: "deny",
      hide: ["secret"],
      tools: { a: {}, b: { action: "require_approval" }, c: { deny_if: [{ conditions: [{ path: "args.x", op: "exists" }] }] }, d: { action: "deny" } },
    });
    if (!compiled.ok) throw new Error("fixture must be valid");
    expect(["a", "b", "c", "d", "secret", "unlisted"].map((name) => verdictForTool(compiled.policy, name))).toEqual([
      "allow",
      "approval",
      "depends_on_arguments",
      "deny",
      "hidden",
      "deny",
    ]);
  });
});

describe("call export rows", () => {
  const call: CallDto = {
    id: "7",
    serverId: "s",
    grantId: "g",
    grantLabel: 'bot, "the" agent',
    sessionId: null,
    requestId: "r1",
    method: "tools/call",
    tool: "=HYPERLINK()",
    decision: "denied",
    code: "tool_denied",
    rule: "/tools/x",
    message: "line1\nline2",
    policyId: "p",
    policyVersion: 2,
    argumentKeys: ["a", "b"],
    upstreamStatus: null,
    upstreamMs: null,
    totalMs: 4,
    createdAt: new Date("2026-03-01T12:00:00Z"),
  };

  it("quotes CSV cells, defuses formulas and keeps one JSON object per NDJSON line", () => {
    expect(toCsvHeader().startsWith("id,createdAt,decision,code")).toBe(true);
    const row = toCsvRow(call);
    expect(row).toContain('"bot, ""the"" agent"');
    expect(row).toContain("'=HYPERLINK()");
    expect(row).toContain('"line1\nline2"');
    expect(row.startsWith("7,2026-03-01T12:00:00.000Z,denied,tool_denied,/tools/x,")).toBe(true);
    const line = toNdjsonRow(call);
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ id: "7", tool: "=HYPERLINK()", createdAt: "2026-03-01T12:00:00.000Z" });
  });
});
