import { describe, expect, it } from "vitest";
import type { PolicyDocument } from "@/lib/policy/types";
import { validatePolicy } from "@/lib/policy/validate";
import { newLimitRow } from "@/lib/policy-builder/limit-rows";
import { newConditionRow, newRuleRow } from "@/lib/policy-builder/rule-rows";
import {
  applyToolForms,
  dedupeErrors,
  emptyToolForm,
  messagesAt,
  parsePointerMessages,
  readToolForm,
  summariseToolForm,
  type ToolForm,
} from "@/lib/policy-builder/tool-form";

const document: PolicyDocument = {
  version: "1",
  default: "deny",
  validate_arguments: true,
  hide: ["secret"],
  tools: {
    refund: {
      require: [{ conditions: [{ path: "args.reason", op: "exists", value: true }], on_deny: "Give a reason." }],
      deny_if: [
        {
          conditions: [
            { path: "args.amount", op: "gt", value: 10000 },
            { path: "args.currency", op: "in", value: ["EUR", "USD"] },
          ],
        },
      ],
      limits: [{ counter: "refund_total", window: "day", max: 50000, scope: "grant", amount_from: "args.amount" }],
    },
    drop: { action: "deny", reason: "Use migrations." },
    pay: {
      action: "require_approval",
      reason: "A human checks payments.",
      approval: { timeout: "2h" },
      limits: [{ counter: "pay", window: 90, max: 2, scope: "org" }],
    },
    shorthand: { rate_limit: { max: 10, window: 60 } } as never,
    explicit: { action: "allow" },
    emptyLimits: { limits: [] },
    denyWithLimits: { action: "deny", limits: [{ counter: "d", window: "minute", max: 1, scope: "grant" }] },
    plain: {},
  },
};

function formsOf(doc: PolicyDocument, names: string[]): Record<string, ToolForm> {
  return Object.fromEntries(names.map((name) => [name, readToolForm(doc, name)]));
}

describe("readToolForm", () => {
  it("reads rules the forms cover into rows", () => {
    const refund = readToolForm(document, "refund");
    expect(refund.choice).toBe("allow");
    expect(refund.limits).toEqual([{ counter: "refund_total", window: "day", max: "50000", scope: "grant", amountFrom: "args.amount" }]);
    expect(refund.require[0]).toEqual({
      conditions: [{ path: "args.reason", op: "exists", value: "true", kind: "boolean", flags: "" }],
      onDeny: "Give a reason.",
    });
    expect(refund.denyIf[0]?.conditions[1]).toEqual({ path: "args.currency", op: "in", value: "EUR\nUSD", kind: "string", flags: "" });
    expect(readToolForm(document, "drop")).toMatchObject({ choice: "deny", reason: "Use migrations." });
    expect(readToolForm(document, "pay")).toMatchObject({ choice: "approval", reason: "A human checks payments.", approvalTimeout: "2h" });
    expect(readToolForm(document, "plain").choice).toBe("allow");
    expect(readToolForm(document, "secret").choice).toBe("hide");
    expect(readToolForm(document, "unlisted").choice).toBe("default");
  });

  it("shows anything the forms would rewrite as custom", () => {
    for (const name of ["shorthand", "explicit", "emptyLimits", "denyWithLimits"]) expect(readToolForm(document, name).choice, name).toBe("custom");
    expect(readToolForm({ ...document, hide: ["plain"] }, "plain").choice).toBe("custom");
  });
});

describe("applyToolForms", () => {
  const names = [...Object.keys(document.tools), "secret", "unlisted"];

  it("reproduces the document exactly when nothing is edited", () => {
    const { document: out, errors } = applyToolForms(document, formsOf(document, names));
    expect(errors).toEqual([]);
    expect(out).toEqual(document);
    expect(Object.keys(out.tools)).toEqual(Object.keys(document.tools));
  });

  it("keeps custom tools unchanged while other tools are edited", () => {
    const forms = formsOf(document, names);
    forms.plain = { ...emptyToolForm("allow"), limits: [{ ...newLimitRow(), max: "5" }] };
    forms.drop = emptyToolForm("hide");
    const { document: out } = applyToolForms(document, forms);
    for (const name of ["shorthand", "explicit", "emptyLimits", "denyWithLimits", "refund", "pay"]) expect(out.tools[name]).toEqual(document.tools[name]);
    expect(out.tools.plain).toEqual({ limits: [{ window: "minute", max: 5, scope: "grant" }] });
    expect(out.tools.drop).toBeUndefined();
    expect(out.hide).toEqual(["drop", "secret"]);
  });

  it("round-trips a document built in the forms through save and reload", () => {
    const forms: Record<string, ToolForm> = {
      refund: {
        ...emptyToolForm("approval"),
        reason: "Large refunds wait for a human.",
        require: [newRuleRow(newConditionRow("args.reason", "exists", "boolean"))],
        denyIf: [
          { conditions: [{ path: "args.amount", op: "gte", value: "100.5", kind: "number", flags: "" }], onDeny: "Too much." },
          { conditions: [{ path: "args.note", op: "regex", value: "^drop\\b", kind: "string", flags: "i" }], onDeny: "" },
          { conditions: [{ path: "args.tags", op: "contains", value: "vip", kind: "string", flags: "" }], onDeny: "" },
          { conditions: [{ path: "args.currency", op: "not_in", value: "EUR\nUSD", kind: "string", flags: "" }], onDeny: "" },
          { conditions: [{ path: "args.count", op: "neq", value: "3", kind: "number", flags: "" }], onDeny: "" },
        ],
        limits: [
          { counter: "refund_total", window: "day", max: "50000", scope: "org", amountFrom: "args.amount" },
          { counter: "", window: "90", max: "2", scope: "session", amountFrom: "" },
        ],
      },
    };
    const base: PolicyDocument = { version: "1", default: "deny", validate_arguments: true, tools: {} };
    const { document: built, errors } = applyToolForms(base, forms);
    expect(errors).toEqual([]);
    const stored = JSON.parse(JSON.stringify(built)) as PolicyDocument;
    expect(validatePolicy(stored).ok).toBe(true);
    expect(readToolForm(stored, "refund")).toEqual(forms.refund);
  });

  it("lets the engine reject bad values, with pointers the forms can place", () => {
    const forms: Record<string, ToolForm> = {
      plain: {
        ...emptyToolForm("allow"),
        limits: [{ counter: "", window: "fortnight", max: "0", scope: "grant", amountFrom: "amount" }],
        denyIf: [{ conditions: [{ path: "amount", op: "gt", value: "x", kind: "string", flags: "" }], onDeny: "" }],
        require: [{ conditions: [{ path: "args.q", op: "regex", value: "(a+)+$", kind: "string", flags: "" }], onDeny: "" }],
      },
    };
    const { document: built } = applyToolForms(document, forms);
    const result = validatePolicy(built);
    expect(result.ok).toBe(false);
    const pointers = result.ok ? [] : result.errors.map((error) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        "/tools/plain/limits/0/window",
        "/tools/plain/limits/0/max",
        "/tools/plain/limits/0/amount_from",
        "/tools/plain/deny_if/0/conditions/0/path",
        "/tools/plain/deny_if/0/conditions/0/value",
        "/tools/plain/require/0/conditions/0/value",
      ]),
    );
    const messages = result.ok ? [] : result.errors.map((error) => `${error.pointer}: ${error.message}`);
    const parsed = parsePointerMessages(messages);
    expect(messagesAt(parsed, "/tools/plain/limits/0/max")).toEqual([expect.stringMatching(/positive integer/)]);
  });

  it("reports text that is not of its kind at the value's pointer, before the engine", () => {
    const forms = {
      "a/b": {
        ...emptyToolForm("allow"),
        denyIf: [{ conditions: [{ path: "args.n", op: "lt" as const, value: "ten", kind: "number" as const, flags: "" }], onDeny: "" }],
      },
    };
    expect(applyToolForms(document, forms).errors).toEqual([{ pointer: "/tools/a~1b/deny_if/0/conditions/0/value", message: '"ten" is not a number.' }]);
  });

  it("parses the save action's messages", () => {
    expect(parsePointerMessages(["/tools/x/max: must be a positive integer", "/: is not valid JSON: x", "Missing policy."])).toEqual([
      { pointer: "/tools/x/max", message: "must be a positive integer" },
      { pointer: "", message: "is not valid JSON: x" },
      { pointer: "", message: "Missing policy." },
    ]);
  });
});

describe("summariseToolForm and dedupeErrors", () => {
  it("summarises what a form holds, per choice", () => {
    expect(summariseToolForm(readToolForm(document, "refund"))).toBe("1 limit, 1 require, 1 deny if");
    expect(summariseToolForm(readToolForm(document, "drop"))).toBe("message");
    expect(summariseToolForm(readToolForm(document, "plain"))).toBe("none");
    expect(summariseToolForm(readToolForm(document, "shorthand"))).toMatch(/JSON/);
    expect(summariseToolForm(readToolForm(document, "secret"))).toBe("—");
  });

  it("drops repeated pointer and message pairs", () => {
    const error = { pointer: "/tools/a/limits/0/max", message: "m" };
    expect(dedupeErrors([error, { ...error }, { ...error, message: "n" }])).toEqual([error, { ...error, message: "n" }]);
  });
});
