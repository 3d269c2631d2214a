import { describe, expect, it } from "vitest";
import { approvalDeniedDecision, approvalExpiredDecision, rateLimitedDecision } from "@/lib/policy/evaluate";
import { CONTEXT, compile, decide, NOW, readSeedPolicy } from "./helpers";

const refundSchema = {
  type: "object",
  properties: { amount: { type: "number" }, reason: { type: "string" } },
  required: ["amount"],
};

const policy = compile({
  version: "1",
  default: "deny",
  hide: ["rotate_api_key"],
  all_tools: { limits: [{ counter: "calls-per-minute", window: "minute", max: 120 }] },
  tools: {
    list_customers: {},
    rotate_api_key: {},
    create_refund: {
      require: [{ conditions: [{ path: "args.reason", op: "exists", value: true }], on_deny: "Give a reason for every refund." }],
      deny_if: [
        { conditions: [{ path: "args.amount", op: "gt", value: 10000 }], on_deny: "Refunds over 10000 need a human." },
        { conditions: [{ path: "args.currency", op: "eq", value: "XXX" }] },
      ],
      limits: [{ counter: "refund_total", window: "day", max: 50000, amount_from: "args.amount" }],
    },
    drop_table: { action: "deny", reason: "Schema changes go through migrations." },
    truncate_table: { action: "deny" },
    delete_customer: { action: "require_approval", approval: { timeout: "2h" }, limits: [{ window: 3600, max: 5, scope: "org" }] },
    export_session: { limits: [{ window: "minute", max: 3, scope: "session" }] },
  },
});

describe("evaluateToolCall: every decision code", () => {
  it("no_policy", () => {
    expect(decide(null, "anything")).toMatchObject({ outcome: "deny", code: "no_policy", rule: "(no policy)", message: expect.stringMatching(/No policy/) });
  });

  it("hidden wins even over a tool entry", () => {
    expect(decide(policy, "rotate_api_key")).toMatchObject({ outcome: "hidden", code: "hidden", rule: "(hidden)", reservations: [] });
  });

  it("default_deny for unlisted tools", () => {
    expect(decide(policy, "unknown_tool")).toMatchObject({
      outcome: "deny",
      code: "default_deny",
      rule: "(default deny)",
      message: expect.stringMatching(/not allowed/),
    });
  });

  it("tool_denied with the reason, or a default message", () => {
    expect(decide(policy, "drop_table")).toMatchObject({
      outcome: "deny",
      code: "tool_denied",
      rule: "/tools/drop_table",
      message: "Schema changes go through migrations.",
    });
    expect(decide(policy, "truncate_table")).toMatchObject({
      code: "tool_denied",
      rule: "/tools/truncate_table",
      message: 'The tool "truncate_table" is not allowed by this policy.',
    });
  });

  it("invalid_arguments names the failing field", () => {
    const tool = { name: "create_refund", inputSchema: refundSchema };
    expect(decide(policy, "create_refund", { amount: "12", reason: "x" }, { tool })).toMatchObject({
      outcome: "deny",
      code: "invalid_arguments",
      rule: "/tools/create_refund",
      message: "Invalid arguments: /amount must be number",
    });
    expect(decide(policy, "create_refund", { reason: "x" }, { tool }).message).toBe("Invalid arguments: /amount is required");
  });

  it("skips schema validation without a catalogue entry or when disabled", () => {
    expect(decide(policy, "create_refund", { amount: 12, reason: 5 }).code).toBe("allowed");
    expect(decide(policy, "create_refund", { amount: 12, reason: 5 }, { tool: { name: "create_refund", inputSchema: refundSchema } }).message).toBe(
      "Invalid arguments: /reason must be string",
    );
    const lax = compile({ version: "1", default: "allow", validate_arguments: false });
    expect(decide(lax, "create_refund", { amount: "12" }, { tool: { name: "create_refund", inputSchema: refundSchema } }).code).toBe("allowed");
  });

  it("require_failed with the rule pointer and on_deny", () => {
    expect(decide(policy, "create_refund", { amount: 5 })).toMatchObject({
      outcome: "deny",
      code: "require_failed",
      rule: "/tools/create_refund/require/0",
      message: "Give a reason for every refund.",
      reservations: [],
    });
  });

  it("deny_if: the first matching rule decides; default message names it", () => {
    expect(decide(policy, "create_refund", { amount: 20000, reason: "x", currency: "XXX" })).toMatchObject({
      code: "deny_if",
      rule: "/tools/create_refund/deny_if/0",
      message: "Refunds over 10000 need a human.",
    });
    expect(decide(policy, "create_refund", { amount: 1, reason: "x", currency: "XXX" })).toMatchObject({
      code: "deny_if",
      rule: "/tools/create_refund/deny_if/1",
      message: "The call matches the deny rule at /tools/create_refund/deny_if/1.",
    });
  });

  it("deny_if with empty conditions always denies", () => {
    const always = compile({ version: "1", default: "allow", tools: { t: { deny_if: [{ conditions: [], on_deny: "never" }] } } });
    expect(decide(always, "t")).toMatchObject({ code: "deny_if", rule: "/tools/t/deny_if/0", message: "never" });
  });

  it("approval_required with timeout and reservations", () => {
    const decision = decide(policy, "delete_customer", { id: "c1" });
    expect(decision).toMatchObject({
      outcome: "require_approval",
      code: "approval_required",
      rule: "/tools/delete_customer",
      approvalTimeoutMs: 2 * 3_600_000,
    });
    expect(decision.reservations.map((r) => r.rule)).toEqual(["/tools/delete_customer/limits/0", "/all_tools/limits/0"]);
    expect(decision.reservations[0]).toMatchObject({ scope: "org", key: "org:org_1:delete_customer:3600:3600:1772618400", max: 5 });
  });

  it("approval timeout defaults to 30 minutes", () => {
    const p = compile({ version: "1", default: "deny", tools: { t: { action: "require_approval" } } });
    expect(decide(p, "t").approvalTimeoutMs).toBe(30 * 60_000);
  });

  it("allowed with the tool's limits then all_tools limits", () => {
    const decision = decide(policy, "create_refund", { amount: 250.5, reason: "damaged" });
    expect(decision).toMatchObject({ outcome: "allow", code: "allowed", rule: "/tools/create_refund" });
    expect(decision.reservations).toEqual([
      {
        key: "grant:grt_1:refund_total:86400:1772582400",
        rule: "/tools/create_refund/limits/0",
        counter: "refund_total",
        scope: "grant",
        amount: 250.5,
        max: 50000,
        windowStart: new Date("2026-03-04T00:00:00.000Z"),
        windowEnd: new Date("2026-03-05T00:00:00.000Z"),
      },
      {
        key: "grant:grt_1:calls-per-minute:60:1772619600",
        rule: "/all_tools/limits/0",
        counter: "calls-per-minute",
        scope: "grant",
        amount: 1,
        max: 120,
        windowStart: new Date("2026-03-04T10:20:00.000Z"),
        windowEnd: new Date("2026-03-04T10:21:00.000Z"),
      },
    ]);
  });

  it.each([
    ["missing", { reason: "x" }],
    ["negative", { reason: "x", amount: -1 }],
    ["a string", { reason: "x", amount: "5" }],
  ])("invalid_limit_amount when amount_from is %s", (_label, args) => {
    // amount "5"/-1 pass require and deny_if (gt 10000 is false), so the limit decides.
    expect(decide(policy, "create_refund", args as Record<string, unknown>)).toMatchObject({
      outcome: "deny",
      code: "invalid_limit_amount",
      rule: "/tools/create_refund/limits/0",
      message: "The limit at /tools/create_refund/limits/0 counts args.amount, which must be a non-negative number in the arguments.",
      reservations: [],
    });
  });

  it("rate_limited from the failed reservation, with reset time and retryAfter", () => {
    const [reservation] = decide(policy, "list_customers").reservations;
    if (!reservation) throw new Error("expected a reservation");
    const decision = rateLimitedDecision(reservation, NOW);
    expect(decision).toMatchObject({
      outcome: "deny",
      code: "rate_limited",
      rule: "/all_tools/limits/0",
      retryAfterSeconds: 30,
      resetAt: "2026-03-04T10:21:00.000Z",
      reservations: [],
    });
    expect(decision.message).toContain("resets at 2026-03-04T10:21:00.000Z; retry after 30 s");
  });

  it("approval_denied and approval_expired helpers", () => {
    expect(approvalDeniedDecision("/tools/delete_customer", "not today")).toMatchObject({
      outcome: "deny",
      code: "approval_denied",
      message: "An approver denied this call: not today",
    });
    expect(approvalExpiredDecision("/tools/delete_customer")).toMatchObject({ outcome: "deny", code: "approval_expired", rule: "/tools/delete_customer" });
  });

  it("default allow: unlisted tools allowed with all_tools limits", () => {
    const open = compile({ version: "1", default: "allow", all_tools: { limits: [{ window: "second", max: 2, scope: "server" }] } });
    const decision = decide(open, "anything");
    expect(decision).toMatchObject({ outcome: "allow", code: "allowed", rule: "(default allow)" });
    expect(decision.reservations[0]?.key).toBe("server:srv_1:all_tools:second:1:1772619630");
    expect(decide(compile({ version: "1", default: "allow" }), "x")).toMatchObject({ code: "allowed", rule: "(default allow)", reservations: [] });
  });
});

describe("evaluateToolCall: seed policy", () => {
  const seed = compile(readSeedPolicy());

  it("allows focus_export_session with one reservation of 30 per minute per grant", () => {
    const decision = decide(seed, "focus_export_session", { format: "md" });
    expect(decision).toMatchObject({ outcome: "allow", code: "allowed", rule: "/tools/focus_export_session" });
    expect(decision.reservations).toHaveLength(1);
    expect(decision.reservations[0]).toMatchObject({
      counter: "focus_export_session_rate",
      scope: "grant",
      max: 30,
      amount: 1,
      rule: "/tools/focus_export_session/limits/0",
    });
    const { windowStart, windowEnd } = decision.reservations[0] ?? {};
    expect((windowEnd?.getTime() ?? 0) - (windowStart?.getTime() ?? 0)).toBe(60_000);
  });

  it.each(["focus_list_sessions", "delete_everything", "FOCUS_EXPORT_SESSION"])("denies %s by default", (tool) => {
    expect(decide(seed, tool)).toMatchObject({ outcome: "deny", code: "default_deny", rule: "(default deny)" });
  });
});

describe("counter keys", () => {
  it("session scope uses the session id, URI-encoded", () => {
    const [r] = decide(policy, "export_session", {}, { context: { ...CONTEXT, sessionId: "a:b/c" } }).reservations;
    expect(r).toMatchObject({ scope: "session", key: "session:a%3Ab%2Fc:export_session:minute:60:1772619600" });
  });

  it.each([null, undefined, ""])("session scope without a session (%s) falls back to grant scope", (sessionId) => {
    const [r] = decide(policy, "export_session", {}, { context: { ...CONTEXT, sessionId } }).reservations;
    expect(r).toMatchObject({ scope: "grant", key: "grant:grt_1:export_session:minute:60:1772619600" });
  });

  it("keys survive a policy edit that keeps the counter, and change with the window", () => {
    const before = compile({ version: "1", default: "deny", tools: { t: { limits: [{ counter: "c", window: "minute", max: 5 }] } } });
    const after = compile({ version: "1", default: "deny", tools: { t: { reason: "edited", limits: [{ counter: "c", window: "minute", max: 50 }] } } });
    const longer = compile({ version: "1", default: "deny", tools: { t: { limits: [{ counter: "c", window: "hour", max: 5 }] } } });
    const key = (p: typeof before) => decide(p, "t").reservations[0]?.key;
    expect(key(after)).toBe(key(before));
    expect(key(longer)).not.toBe(key(before));
  });

  it("windows align to UTC boundaries", () => {
    const p = compile({ version: "1", default: "deny", tools: { t: { limits: [{ window: 7 * 86400, max: 1 }] } } });
    const [r] = decide(p, "t").reservations;
    expect(((r?.windowStart.getTime() ?? 1) / 1000) % (7 * 86400)).toBe(0);
    expect(r?.windowStart.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(r?.windowEnd.getTime()).toBeGreaterThan(NOW.getTime());
  });
});
