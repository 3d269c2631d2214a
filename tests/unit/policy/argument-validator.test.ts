import { describe, expect, it } from "vitest";
import { getArgumentValidator, validateArguments } from "@/lib/policy/argument-validator";

describe("validateArguments", () => {
  const draft07 = {
    type: "object",
    properties: { amount: { type: "number", minimum: 0 }, email: { type: "string", format: "email" }, kind: { enum: ["a", "b"] } },
    required: ["amount"],
    additionalProperties: false,
  };

  it.each([
    [{ amount: 1 }, null],
    [{ amount: "1" }, "/amount must be number"],
    [{ amount: -1 }, "/amount must be >= 0"],
    [{}, "/amount is required"],
    [undefined, "/amount is required"],
    [{ amount: 1, extra: true }, "/extra is not an allowed property"],
    [{ amount: 1, email: "nope" }, '/email must match format "email"'],
    [{ amount: 1, kind: "c" }, '/kind must be one of ["a","b"]'],
  ])("%j → %s", (args, message) => {
    const check = validateArguments(draft07, args as Record<string, unknown> | undefined);
    expect(check).toEqual(message === null ? { ok: true } : { ok: false, message });
  });

  it("uses the 2020-12 dialect when $schema says so", () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { list: { type: "array", prefixItems: [{ type: "number" }] } },
    };
    expect(validateArguments(schema, { list: ["x"] })).toEqual({ ok: false, message: "/list/0 must be number" });
  });

  it("caches by identity and by content, and tolerates duplicate $id across schemas", () => {
    const a = { $id: "https://example.com/same.json", type: "object", properties: { x: { type: "string" } } };
    const b = { properties: { x: { type: "string" } }, type: "object", $id: "https://example.com/same.json" };
    const c = { $id: "https://example.com/same.json", type: "object", properties: { x: { type: "number" } } };
    expect(getArgumentValidator(a)).toBe(getArgumentValidator(a));
    expect(getArgumentValidator(b)).toBe(getArgumentValidator(a));
    expect(validateArguments(c, { x: "s" })).toEqual({ ok: false, message: "/x must be number" });
  });

  it("fails closed on a schema that cannot be compiled", () => {
    const check = validateArguments({ type: "object", properties: { x: { $ref: "#/nowhere" } } }, { x: 1 });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/could not be compiled/);
  });
});
