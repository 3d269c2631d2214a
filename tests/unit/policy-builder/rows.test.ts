import { describe, expect, it } from "vitest";
import type { Condition, Limit } from "@/lib/policy/types";
import { limitToRow, newLimitRow, rowToLimit } from "@/lib/policy-builder/limit-rows";
import { conditionToRow, rowToCondition } from "@/lib/policy-builder/rule-rows";

describe("limit rows", () => {
  it.each<Partial<Limit>>([
    { counter: "refund_total", window: "day", max: 50000, scope: "org", amount_from: "args.amount" },
    { counter: "c", window: 90, max: 3, scope: "session" },
    { window: "minute", max: 30 },
    { counter: "x", window: "second", max: 1, scope: "server" },
    { counter: "y", window: "hour", max: 7, scope: "grant" },
  ])("round-trips %j", (limit) => {
    expect(rowToLimit(limitToRow(limit))).toEqual(limit);
  });

  it("converts digits only, leaving other text for the engine to reject", () => {
    expect(rowToLimit({ counter: "", window: "3600", max: " 5 ", scope: "", amountFrom: "" })).toEqual({ window: 3600, max: 5 });
    expect(rowToLimit({ counter: "c", window: "fortnight", max: "many", scope: "grant", amountFrom: "" })).toEqual({
      counter: "c",
      window: "fortnight",
      max: "many",
      scope: "grant",
    });
    expect(rowToLimit({ ...newLimitRow(), window: "", max: "" })).toEqual({ scope: "grant" });
  });
});

describe("condition rows", () => {
  const conditions: Condition[] = [
    { path: "args.a", op: "eq", value: "x" },
    { path: "args.a", op: "eq", value: 5 },
    { path: "args.a", op: "eq", value: true },
    { path: "args.a", op: "eq", value: "" },
    { path: "args.a", op: "eq", value: { nested: [1] } },
    { path: "args.a", op: "neq", value: null },
    { path: "args.a", op: "lt", value: -1.5 },
    { path: "args.a", op: "lte", value: 0 },
    { path: "args.a", op: "gt", value: 10000 },
    { path: "args.a", op: "gte", value: 1e21 },
    { path: "args.a", op: "in", value: ["EUR", "USD"] },
    { path: "args.a", op: "in", value: [1, 2, 3] },
    { path: "args.a", op: "not_in", value: [] },
    { path: "args.a", op: "not_in", value: ["a", 1] },
    { path: "args.a", op: "in", value: ["line\nbreak"] },
    { path: "args.a", op: "exists", value: true },
    { path: "args.a", op: "exists", value: false },
    { path: "args.a", op: "exists" },
    { path: "args.a", op: "regex", value: "^[a-z]+$" },
    { path: "args.a", op: "regex", value: "^abc", flags: "i" },
    { path: "args.tags", op: "contains", value: "vip" },
    { path: "args.tags", op: "contains", value: 7 },
  ];

  it.each(conditions)("round-trips %j", (condition) => {
    const { condition: back, errors } = rowToCondition(conditionToRow(condition));
    expect(errors).toEqual([]);
    expect(back).toEqual(condition);
  });

  it("types values by kind and lists one item per line", () => {
    expect(rowToCondition({ path: "args.n", op: "gt", value: "42", kind: "number", flags: "" }).condition).toEqual({ path: "args.n", op: "gt", value: 42 });
    expect(rowToCondition({ path: "args.s", op: "in", value: "a\r\nb\n\n c", kind: "string", flags: "" }).condition.value).toEqual(["a", "b", " c"]);
    expect(rowToCondition({ path: "args.n", op: "in", value: "1\n2", kind: "number", flags: "" }).condition.value).toEqual([1, 2]);
    expect(rowToCondition({ path: "args.b", op: "eq", value: "false", kind: "boolean", flags: "" }).condition.value).toBe(false);
    expect(rowToCondition({ path: "args.s", op: "eq", value: "x", kind: "string", flags: "i" }).condition).not.toHaveProperty("flags");
  });

  it("reports text that is not of its kind at the value", () => {
    expect(rowToCondition({ path: "args.n", op: "gt", value: "ten", kind: "number", flags: "" }).errors).toEqual([
      { key: "value", message: '"ten" is not a number.' },
    ]);
    expect(rowToCondition({ path: "args.n", op: "in", value: "1\nx", kind: "number", flags: "" }).errors).toHaveLength(1);
    expect(rowToCondition({ path: "args.b", op: "eq", value: "yes", kind: "boolean", flags: "" }).errors[0]?.key).toBe("value");
    expect(rowToCondition({ path: "args.j", op: "eq", value: "{bad", kind: "json", flags: "" }).errors[0]?.key).toBe("value");
  });
});
