import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateToolCall } from "@/lib/policy/evaluate";
import { validatePolicy } from "@/lib/policy/validate";
import { CONTEXT, compile } from "./helpers";

const toolNames = ["alpha", "beta", "gamma", "delta"] as const;
const argKeys = ["a", "b", "c"] as const;
const scalar = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom("x", "y", ""), fc.boolean(), fc.constant(null));
const argsArb = fc.option(fc.dictionary(fc.constantFrom(...argKeys), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))), { nil: undefined });

const conditionArb = fc.oneof(
  fc.record({ path: fc.constantFrom("args.a", "args.b", "args.c.0"), op: fc.constantFrom("eq", "neq", "contains"), value: scalar }),
  fc.record({ path: fc.constantFrom("args.a", "args.b"), op: fc.constantFrom("lt", "lte", "gt", "gte"), value: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ path: fc.constantFrom("args.a", "args.c"), op: fc.constantFrom("in", "not_in"), value: fc.array(scalar, { maxLength: 3 }) }),
  fc.record({ path: fc.constantFrom("args.a", "args.b", "args"), op: fc.constant("exists"), value: fc.boolean() }),
  fc.record({ path: fc.constantFrom("args.a", "args.b"), op: fc.constant("regex"), value: fc.constantFrom("^x", "y$", "^$") }),
);
const ruleArb = fc.record({ conditions: fc.array(conditionArb, { maxLength: 3 }) });
const limitArb = (owner: string) =>
  fc.record(
    {
      counter: fc.constantFrom(`${owner}-1`, `${owner}-2`),
      window: fc.constantFrom("second", "minute", "hour", "day"),
      max: fc.integer({ min: 1, max: 100 }),
      amount_from: fc.constantFrom("args.a", "args.b"),
    },
    { requiredKeys: ["window", "max"] },
  );
const toolRuleArb = (name: string) =>
  fc.record(
    {
      action: fc.constantFrom("allow", "deny", "require_approval"),
      require: fc.array(ruleArb, { maxLength: 2 }),
      deny_if: fc.array(ruleArb, { maxLength: 2 }),
      limits: fc.uniqueArray(limitArb(name), { maxLength: 2, selector: (limit) => limit.counter ?? limit.window }),
    },
    { requiredKeys: [] },
  );
const documentArb = fc
  .record({
    default: fc.constantFrom("allow", "deny"),
    hide: fc.option(fc.subarray(["alpha", "beta", "*"]), { nil: undefined }),
    allLimits: fc.uniqueArray(limitArb("all"), { maxLength: 2, selector: (limit) => limit.counter ?? limit.window }),
    listed: fc.subarray([...toolNames]),
  })
  .chain(({ listed, allLimits, hide, ...rest }) =>
    fc.tuple(...listed.map((name) => toolRuleArb(name))).map((rules) => ({
      version: "1",
      ...rest,
      ...(hide ? { hide } : {}),
      all_tools: { limits: allLimits },
      tools: Object.fromEntries(listed.map((name, index) => [name, rules[index]])),
    })),
  );
const callArb = fc.record({ toolName: fc.constantFrom(...toolNames, "omega"), args: argsArb, epochMs: fc.integer({ min: 0, max: 4_102_444_800_000 }) });

function run(document: unknown, call: { toolName: string; args: Record<string, unknown> | undefined; epochMs: number }) {
  return evaluateToolCall({ policy: compile(document), toolName: call.toolName, arguments: call.args, context: CONTEXT, now: new Date(call.epochMs) });
}

describe("policy properties", () => {
  it("generated documents validate, and their normalised form validates to itself", () => {
    fc.assert(
      fc.property(documentArb, (document) => {
        const normalised = compile(document).document;
        expect(compile(normalised).document).toEqual(normalised);
      }),
    );
  });

  it("validation never throws on arbitrary JSON", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void validatePolicy(value)));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("version", "default", "tools", "hide", "all_tools"), fc.jsonValue()), (value) => void validatePolicy(value)),
    );
  });

  it("is deterministic: same document, call and time give the same decision", () => {
    fc.assert(
      fc.property(documentArb, callArb, (document, call) => {
        expect(run(document, call)).toEqual(run(structuredClone(document), structuredClone(call)));
      }),
    );
  });

  it("hide always wins", () => {
    fc.assert(
      fc.property(documentArb, callArb, fc.boolean(), (document, call, hideAll) => {
        const hidden = { ...document, hide: hideAll ? ["*"] : [call.toolName] };
        expect(run(hidden, call)).toMatchObject({ outcome: "hidden", code: "hidden", reservations: [] });
      }),
    );
  });

  it("under default deny an unlisted tool is never allowed", () => {
    fc.assert(
      fc.property(documentArb, callArb, (document, call) => {
        const { [call.toolName]: _removed, ...tools } = document.tools as Record<string, unknown>;
        const decision = run({ ...document, default: "deny", tools }, call);
        expect(decision.outcome === "deny" || decision.outcome === "hidden").toBe(true);
        expect(decision.reservations).toEqual([]);
      }),
    );
  });

  it("limits are all or nothing: every applicable limit is reserved, or none is", () => {
    fc.assert(
      fc.property(documentArb, callArb, (document, call) => {
        const policy = compile(document);
        const decision = run(document, call);
        if (decision.outcome === "allow" || decision.outcome === "require_approval") {
          const tool = policy.tools.get(call.toolName);
          const expected = [...(tool?.limits ?? []), ...policy.allToolsLimits].map((limit) => limit.pointer);
          expect(decision.reservations.map((reservation) => reservation.rule)).toEqual(expected);
          for (const reservation of decision.reservations) {
            expect(reservation.windowStart.getTime()).toBeLessThanOrEqual(call.epochMs);
            expect(reservation.windowEnd.getTime()).toBeGreaterThan(call.epochMs);
          }
        } else expect(decision.reservations).toEqual([]);
      }),
    );
  });
});
