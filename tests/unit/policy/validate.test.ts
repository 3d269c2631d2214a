import { describe, expect, it } from "vitest";
import { parsePolicyJson, validatePolicy } from "@/lib/policy/validate";
import { compile, errorsOf, readSeedPolicy, readSeedPolicyFromSeedPage } from "./helpers";

const base = { version: "1", default: "deny" };
const withTool = (rule: unknown) => ({ ...base, tools: { create_refund: rule } });
const withCondition = (condition: unknown) => withTool({ deny_if: [{ conditions: [condition] }] });
const condPointer = "/tools/create_refund/deny_if/0/conditions/0";

describe("validatePolicy: accepted documents", () => {
  it("loads the seed policy unchanged and normalises nothing away", () => {
    const seed = readSeedPolicy();
    const policy = compile(seed);
    expect(policy.document).toEqual({ ...(seed as object), validate_arguments: true });
  });

  it.skipIf(readSeedPolicyFromSeedPage() === null)("keeps the committed seed fixture identical to the seed page's policy.json", () => {
    expect(readSeedPolicy()).toEqual(readSeedPolicyFromSeedPage());
  });

  it("loads the SPEC §2 example", () => {
    const policy = compile({
      version: "1",
      default: "deny",
      hide: ["rotate_api_key"],
      validate_arguments: true,
      all_tools: { limits: [{ counter: "calls-per-minute", window: "minute", max: 120 }] },
      tools: {
        list_customers: {},
        focus_export_session: { limits: [{ counter: "focus_export_session_rate", window: "minute", max: 30, scope: "grant" }] },
        create_refund: {
          require: [{ conditions: [{ path: "args.reason", op: "exists", value: true }], on_deny: "Give a reason for every refund." }],
          deny_if: [{ conditions: [{ path: "args.amount", op: "gt", value: 10000 }], on_deny: "Refunds over 10000 need a human." }],
          limits: [{ counter: "refund_total", window: "day", max: 50000, amount_from: "args.amount" }],
        },
        drop_table: { action: "deny", reason: "Schema changes go through migrations." },
        delete_customer: { action: "require_approval", approval: { timeout: "30m" } },
      },
    });
    expect(policy.document.all_tools?.limits[0]).toEqual({ counter: "calls-per-minute", window: "minute", max: 120, scope: "grant" });
    expect(policy.tools.get("delete_customer")?.approvalTimeoutMs).toBe(30 * 60_000);
  });

  it("normalises the rate_limit shorthand into limits with a derived counter name", () => {
    const policy = compile(withTool({ rate_limit: { max: 10, window: 60 } }));
    expect(policy.document.tools.create_refund).toEqual({ limits: [{ counter: "create_refund:60", window: 60, max: 10, scope: "grant" }] });
    expect(policy.tools.get("create_refund")?.limits[0]?.pointer).toBe("/tools/create_refund/rate_limit");
  });

  it("derives default counter names from tool and window", () => {
    const policy = compile({ ...base, all_tools: { limits: [{ window: "hour", max: 5 }] }, tools: { a: { limits: [{ window: "minute", max: 1 }] } } });
    expect(policy.document.all_tools?.limits[0]?.counter).toBe("all_tools:hour");
    expect(policy.document.tools.a?.limits?.[0]?.counter).toBe("a:minute");
  });

  it("allows one counter shared by two tools with the same window and scope", () => {
    const limit = { counter: "shared", window: "day", max: 100 };
    expect(validatePolicy({ ...base, tools: { a: { limits: [limit] }, b: { limits: [limit] } } }).ok).toBe(true);
  });

  it('accepts hide as the string "*" and keeps validate_arguments false', () => {
    const policy = compile({ ...base, hide: "*", validate_arguments: false });
    expect(policy.hidesAll).toBe(true);
    expect(policy.document.hide).toEqual(["*"]);
    expect(policy.validateArguments).toBe(false);
  });
});

describe("validatePolicy: errors name their location", () => {
  const cases: Array<[label: string, document: unknown, pointer: string, message: RegExp]> = [
    ["not an object", [], "", /must be an object, found array/],
    ["wrong version", { ...base, version: 1 }, "/version", /must be "1"/],
    ["missing default", { version: "1" }, "/default", /is required: "allow" or "deny"/],
    ["bad default", { ...base, default: "maybe" }, "/default", /must be "allow" or "deny"/],
    ["unknown root key", { ...base, rules: [] }, "/rules", /unknown key "rules"; allowed keys are version, default/],
    ["validate_arguments type", { ...base, validate_arguments: "yes" }, "/validate_arguments", /must be true or false, found string/],
    ["hide not array", { ...base, hide: "x" }, "/hide", /must be an array, found string/],
    ["hide element", { ...base, hide: ["ok", 3] }, "/hide/1", /must be a tool name or "\*"/],
    ["tools not object", { ...base, tools: [] }, "/tools", /must be an object mapping tool names/],
    ["tool rule not object", withTool("allow"), "/tools/create_refund", /must be an object, found string/],
    ["tool named *", { ...base, tools: { "*": {} } }, "/tools/*", /must be a tool name/],
    ["unknown tool key", withTool({ rate: 1 }), "/tools/create_refund/rate", /unknown key "rate"/],
    ["bad action", withTool({ action: "block" }), "/tools/create_refund/action", /must be one of allow, deny, require_approval/],
    ["reason type", withTool({ action: "deny", reason: 5 }), "/tools/create_refund/reason", /must be a string, found number/],
    [
      "approval without require_approval",
      withTool({ approval: { timeout: "5m" } }),
      "/tools/create_refund/approval",
      /only allowed with action "require_approval"/,
    ],
    [
      "approval timeout format",
      withTool({ action: "require_approval", approval: { timeout: "30 minutes" } }),
      "/tools/create_refund/approval/timeout",
      /must be a duration such as "20s"/,
    ],
    [
      "approval timeout too long",
      withTool({ action: "require_approval", approval: { timeout: "8d" } }),
      "/tools/create_refund/approval/timeout",
      /at most 7 days/,
    ],
    ["approval unknown key", withTool({ action: "require_approval", approval: { hold: "5s" } }), "/tools/create_refund/approval/hold", /unknown key "hold"/],
    ["deny_if not array", withTool({ deny_if: {} }), "/tools/create_refund/deny_if", /must be an array, found object/],
    ["rule unknown key", withTool({ require: [{ when: [] }] }), "/tools/create_refund/require/0/when", /unknown key "when"/],
    ["on_deny empty", withTool({ require: [{ conditions: [], on_deny: "" }] }), "/tools/create_refund/require/0/on_deny", /must not be empty/],
    ["conditions not array", withTool({ deny_if: [{ conditions: {} }] }), "/tools/create_refund/deny_if/0/conditions", /must be an array/],
    [
      "bad op",
      withCondition({ path: "args.a", op: "equals", value: 1 }),
      `${condPointer}/op`,
      /must be one of eq, neq, lt, lte, gt, gte, in, not_in, exists, regex, contains/,
    ],
    ["path outside args", withCondition({ path: "amount", op: "eq", value: 1 }), `${condPointer}/path`, /must be "args" or a dotted path/],
    ["path with empty segment", withCondition({ path: "args..a", op: "eq", value: 1 }), `${condPointer}/path`, /must be "args" or a dotted path/],
    ["path missing", withCondition({ op: "eq", value: 1 }), `${condPointer}/path`, /must be a string, found undefined/],
    ["condition unknown key", withCondition({ path: "args.a", op: "eq", value: 1, not: true }), `${condPointer}/not`, /unknown key "not"/],
    ["gt needs a number", withCondition({ path: "args.a", op: "gt", value: "10" }), `${condPointer}/value`, /must be a number for op "gt", found string/],
    ["in needs an array", withCondition({ path: "args.a", op: "in", value: "x" }), `${condPointer}/value`, /must be an array for op "in", found string/],
    ["not_in needs an array", withCondition({ path: "args.a", op: "not_in", value: 1 }), `${condPointer}/value`, /must be an array for op "not_in"/],
    ["exists needs a boolean", withCondition({ path: "args.a", op: "exists", value: "yes" }), `${condPointer}/value`, /must be true or false for op "exists"/],
    ["eq needs a value", withCondition({ path: "args.a", op: "eq" }), `${condPointer}/value`, /is required for op "eq"/],
    ["regex needs a string", withCondition({ path: "args.a", op: "regex", value: 1 }), `${condPointer}/value`, /must be a regular expression string/],
    [
      "unsafe regex",
      withCondition({ path: "args.a", op: "regex", value: "(a+)+$" }),
      `${condPointer}/value`,
      /regular expression is unsafe: .*nested quantifiers/,
    ],
    ["invalid regex", withCondition({ path: "args.a", op: "regex", value: "([" }), `${condPointer}/value`, /not a valid regular expression/],
    ["regex flag g", withCondition({ path: "args.a", op: "regex", value: "a", flags: "g" }), `${condPointer}/flags`, /flag "g" is not allowed/],
    ["flags without regex", withCondition({ path: "args.a", op: "eq", value: 1, flags: "i" }), `${condPointer}/flags`, /only allowed with op "regex"/],
    ["limits not array", withTool({ limits: {} }), "/tools/create_refund/limits", /must be an array/],
    ["limit max zero", withTool({ limits: [{ window: "minute", max: 0 }] }), "/tools/create_refund/limits/0/max", /must be a positive integer, found 0/],
    [
      "limit max fraction",
      withTool({ limits: [{ window: "minute", max: 1.5 }] }),
      "/tools/create_refund/limits/0/max",
      /must be a positive integer, found 1.5/,
    ],
    ["limit max missing", withTool({ limits: [{ window: "minute" }] }), "/tools/create_refund/limits/0/max", /must be a positive integer, found nothing/],
    [
      "limit window name",
      withTool({ limits: [{ window: "week", max: 1 }] }),
      "/tools/create_refund/limits/0/window",
      /must be "second", "minute", "hour", "day" or a whole number of seconds/,
    ],
    ["limit window too long", withTool({ limits: [{ window: 2678401, max: 1 }] }), "/tools/create_refund/limits/0/window", /31 days/],
    ["limit window negative", withTool({ rate_limit: { window: -60, max: 1 } }), "/tools/create_refund/rate_limit/window", /whole number of seconds/],
    [
      "limit scope",
      withTool({ limits: [{ window: "minute", max: 1, scope: "user" }] }),
      "/tools/create_refund/limits/0/scope",
      /must be one of grant, server, org, session/,
    ],
    [
      "amount_from outside args",
      withTool({ limits: [{ window: "day", max: 1, amount_from: "amount" }] }),
      "/tools/create_refund/limits/0/amount_from",
      /must be a path under args such as "args.amount", found "amount"/,
    ],
    [
      "amount_from args root",
      withTool({ limits: [{ window: "day", max: 1, amount_from: "args" }] }),
      "/tools/create_refund/limits/0/amount_from",
      /must be a path under args/,
    ],
    ["limit unknown key", withTool({ limits: [{ window: "day", max: 1, per: "grant" }] }), "/tools/create_refund/limits/0/per", /unknown key "per"/],
    ["all_tools unknown key", { ...base, all_tools: { rate_limit: {} } }, "/all_tools/rate_limit", /unknown key "rate_limit"/],
    [
      "counter reused with another window",
      { ...base, tools: { a: { limits: [{ counter: "c", window: "minute", max: 1 }] }, b: { limits: [{ counter: "c", window: "hour", max: 1 }] } } },
      "/tools/b/limits/0/counter",
      /counter "c" is already used at \/tools\/a\/limits\/0 with window 60s and scope grant/,
    ],
    [
      "counter reused with another scope",
      {
        ...base,
        tools: { a: { limits: [{ counter: "c", window: "minute", max: 1 }] }, b: { limits: [{ counter: "c", window: "minute", max: 1, scope: "org" }] } },
      },
      "/tools/b/limits/0/counter",
      /needs the same window and scope/,
    ],
    [
      "counter counted twice for one call",
      { ...base, all_tools: { limits: [{ counter: "c", window: "minute", max: 9 }] }, tools: { a: { limits: [{ counter: "c", window: "minute", max: 1 }] } } },
      "/tools/a/limits/0/counter",
      /each call would be counted twice/,
    ],
  ];

  it.each(cases)("%s", (_label, document, pointer, message) => {
    const errors = errorsOf(document);
    const error = errors.find((candidate) => candidate.pointer === pointer);
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error?.message).toMatch(message);
  });

  it("collects every error rather than stopping at the first", () => {
    const errors = errorsOf({ version: "2", default: "x", extra: 1, tools: { a: { action: "nope", limits: [{ window: "week", max: -1 }] } } });
    expect(errors.map((error) => error.pointer).sort()).toEqual([
      "/default",
      "/extra",
      "/tools/a/action",
      "/tools/a/limits/0/max",
      "/tools/a/limits/0/window",
      "/version",
    ]);
  });

  it("reports found and expected values", () => {
    const [error] = errorsOf(withCondition({ path: "args.a", op: "between", value: 1 }));
    expect(error).toEqual({ pointer: `${condPointer}/op`, message: expect.any(String), found: "between", expected: expect.stringContaining("eq | neq") });
  });

  it("escapes tool names in pointers (RFC 6901)", () => {
    const errors = errorsOf({ ...base, tools: { "fs/rm~x": { action: "nope" } } });
    expect(errors[0]?.pointer).toBe("/tools/fs~1rm~0x/action");
  });
});

describe("parsePolicyJson", () => {
  it("reports a syntax error at the root pointer", () => {
    const result = parsePolicyJson('{"version": "1",');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ pointer: "", message: expect.stringMatching(/^is not valid JSON: /), expected: "a JSON object" }]);
  });

  it("validates parsed text", () => {
    expect(parsePolicyJson(JSON.stringify(readSeedPolicy())).ok).toBe(true);
  });
});
