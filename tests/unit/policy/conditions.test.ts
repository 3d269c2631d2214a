import { describe, expect, it } from "vitest";
import { compileCondition, MAX_REGEX_SUBJECT_LENGTH } from "@/lib/policy/conditions";
import type { Condition } from "@/lib/policy/types";

type Case = [label: string, condition: Condition, args: Record<string, unknown> | undefined, expected: boolean];

const args = {
  amount: 150,
  zero: 0,
  text: "refund for order 42",
  nothing: null,
  flag: false,
  tags: ["vip", "eu", 7, { k: 1 }],
  nested: { a: { b: "deep" }, list: [{ sku: "X1" }, { sku: "Y2" }] },
  numeric: "150",
  obj: { x: 1, y: [1, 2] },
};

const cases: Case[] = [
  ["eq number", { path: "args.amount", op: "eq", value: 150 }, args, true],
  ["eq number vs string is false (strict)", { path: "args.numeric", op: "eq", value: 150 }, args, false],
  ["eq string vs number is false (strict)", { path: "args.amount", op: "eq", value: "150" }, args, false],
  ["eq null matches present null", { path: "args.nothing", op: "eq", value: null }, args, true],
  ["eq null on missing path is false", { path: "args.absent", op: "eq", value: null }, args, false],
  ["eq deep object ignores key order", { path: "args.obj", op: "eq", value: { y: [1, 2], x: 1 } }, args, true],
  ["eq deep object differs", { path: "args.obj", op: "eq", value: { x: 1, y: [2, 1] } }, args, false],
  ["eq nested path", { path: "args.nested.a.b", op: "eq", value: "deep" }, args, true],
  ["eq array index path", { path: "args.nested.list.1.sku", op: "eq", value: "Y2" }, args, true],
  ["eq array index out of range is missing", { path: "args.nested.list.5.sku", op: "eq", value: "Y2" }, args, false],
  ["eq false boolean", { path: "args.flag", op: "eq", value: false }, args, true],
  ["neq different value", { path: "args.amount", op: "neq", value: 1 }, args, true],
  ["neq same value", { path: "args.amount", op: "neq", value: 150 }, args, false],
  ["neq string vs number is true (different types)", { path: "args.numeric", op: "neq", value: 150 }, args, true],
  ["neq on missing path is false", { path: "args.absent", op: "neq", value: 1 }, args, false],
  ["neq deep object equal is false", { path: "args.obj", op: "neq", value: { x: 1, y: [1, 2] } }, args, false],
  ["lt true", { path: "args.amount", op: "lt", value: 151 }, args, true],
  ["lt equal is false", { path: "args.amount", op: "lt", value: 150 }, args, false],
  ["lte equal", { path: "args.amount", op: "lte", value: 150 }, args, true],
  ["gt true", { path: "args.amount", op: "gt", value: 100 }, args, true],
  ["gt false", { path: "args.amount", op: "gt", value: 150 }, args, false],
  ["gte equal", { path: "args.amount", op: "gte", value: 150 }, args, true],
  ["gte zero", { path: "args.zero", op: "gte", value: 0 }, args, true],
  ["gt on numeric string is false", { path: "args.numeric", op: "gt", value: 1 }, args, false],
  ["lt on null is false", { path: "args.nothing", op: "lt", value: 1 }, args, false],
  ["lt on missing is false", { path: "args.absent", op: "lt", value: 1 }, args, false],
  ["in primitive list", { path: "args.amount", op: "in", value: [1, 150] }, args, true],
  ["in without type coercion", { path: "args.amount", op: "in", value: ["150"] }, args, false],
  ["in with object members", { path: "args.obj", op: "in", value: [{ x: 1, y: [1, 2] }] }, args, true],
  ["in on missing is false", { path: "args.absent", op: "in", value: [null] }, args, false],
  ["in with null member matches null", { path: "args.nothing", op: "in", value: [null] }, args, true],
  ["in with object actual against primitive list", { path: "args.obj", op: "in", value: [1, 2] }, args, false],
  ["not_in absent member", { path: "args.amount", op: "not_in", value: [1, 2] }, args, true],
  ["not_in present member", { path: "args.amount", op: "not_in", value: [150] }, args, false],
  ["not_in on missing is false", { path: "args.absent", op: "not_in", value: [1] }, args, false],
  ["exists true present", { path: "args.amount", op: "exists", value: true }, args, true],
  ["exists true on null value (present)", { path: "args.nothing", op: "exists", value: true }, args, true],
  ["exists true missing", { path: "args.absent", op: "exists", value: true }, args, false],
  ["exists false missing", { path: "args.absent", op: "exists", value: false }, args, true],
  ["exists false present", { path: "args.amount", op: "exists", value: false }, args, false],
  ["exists without value means true", { path: "args.amount", op: "exists" }, args, true],
  ["exists on undefined arguments", { path: "args.amount", op: "exists", value: true }, undefined, false],
  ["exists args root on undefined arguments", { path: "args", op: "exists", value: true }, undefined, true],
  ["exists does not reach the prototype", { path: "args.constructor", op: "exists", value: true }, args, false],
  ["exists through a string is missing", { path: "args.text.length", op: "exists", value: true }, args, false],
  ["regex match", { path: "args.text", op: "regex", value: "^refund for order \\d+$" }, args, true],
  ["regex no match", { path: "args.text", op: "regex", value: "^charge" }, args, false],
  ["regex case-insensitive flag", { path: "args.text", op: "regex", value: "^REFUND", flags: "i" }, args, true],
  ["regex on number is false", { path: "args.amount", op: "regex", value: "150" }, args, false],
  ["regex on missing is false", { path: "args.absent", op: "regex", value: ".?" }, args, false],
  ["contains substring", { path: "args.text", op: "contains", value: "order" }, args, true],
  ["contains substring absent", { path: "args.text", op: "contains", value: "invoice" }, args, false],
  ["contains number in string is false", { path: "args.text", op: "contains", value: 42 }, args, false],
  ["contains array element", { path: "args.tags", op: "contains", value: "eu" }, args, true],
  ["contains array number element", { path: "args.tags", op: "contains", value: 7 }, args, true],
  ["contains array element strict", { path: "args.tags", op: "contains", value: "7" }, args, false],
  ["contains array object element", { path: "args.tags", op: "contains", value: { k: 1 } }, args, true],
  ["contains on object is false", { path: "args.obj", op: "contains", value: 1 }, args, false],
  ["contains on missing is false", { path: "args.absent", op: "contains", value: "x" }, args, false],
];

describe("compileCondition", () => {
  it.each(cases)("%s", (_label, condition, input, expected) => {
    expect(compileCondition(condition)(input)).toBe(expected);
  });

  it("rejects a path outside args, because validation should have caught it", () => {
    expect(() => compileCondition({ path: "tool.name", op: "exists" })).toThrow(/Invalid condition path/);
  });

  it("fails closed on regex subjects longer than the bound, in the direction the caller chooses", () => {
    const condition: Condition = { path: "args.text", op: "regex", value: "^zzz" };
    const long = { text: "a".repeat(MAX_REGEX_SUBJECT_LENGTH + 1) };
    const atBound = { text: "a".repeat(MAX_REGEX_SUBJECT_LENGTH) };
    expect(compileCondition(condition, true)(long)).toBe(true);
    expect(compileCondition(condition, false)(long)).toBe(false);
    expect(compileCondition(condition, true)(atBound)).toBe(false);
  });

  it("does not mutate the arguments", () => {
    const input = structuredClone(args);
    for (const [, condition] of cases) compileCondition(condition)(input);
    expect(input).toEqual(args);
  });
});
