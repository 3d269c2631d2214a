import { describe, expect, it } from "vitest";
import { CONDITION_OPS } from "@/lib/policy/types";
import { listSchemaFields, operatorsForType, readFieldType, valueKindForField } from "@/lib/policy-builder/schema-fields";

describe("listSchemaFields", () => {
  const schema = {
    type: "object",
    properties: {
      amount: { type: "number" },
      count: { type: "integer" },
      reason: { type: "string" },
      urgent: { type: "boolean" },
      tags: { type: "array", items: { type: "string" } },
      currency: { enum: ["EUR", "USD"] },
      note: { type: ["string", "null"] },
      customer: { type: "object", properties: { id: { type: "string" }, address: { type: "object", properties: { zip: { type: "string" } } } } },
      "bad key": { type: "string" },
      "a.b": { type: "string" },
      anything: {},
    },
  };

  it("lists top-level and nested properties with their condition paths, schema pointers and types", () => {
    const fields = listSchemaFields(schema);
    expect(fields.map((field) => [field.path, field.type])).toEqual([
      ["args.amount", "number"],
      ["args.count", "integer"],
      ["args.reason", "string"],
      ["args.urgent", "boolean"],
      ["args.tags", "array"],
      ["args.currency", "enum"],
      ["args.note", "string"],
      ["args.customer", "object"],
      ["args.customer.id", "string"],
      ["args.customer.address", "object"],
      ["args.customer.address.zip", "string"],
      ["args.anything", "unknown"],
    ]);
    const zip = fields.find((field) => field.path === "args.customer.address.zip");
    expect(zip).toMatchObject({ pointer: "/properties/customer/properties/address/properties/zip", label: "customer.address.zip" });
    expect(fields.find((field) => field.path === "args.currency")?.enumValues).toEqual(["EUR", "USD"]);
    expect(fields.find((field) => field.path === "args.tags")?.itemType).toBe("string");
  });

  it("returns nothing for a missing or property-less schema", () => {
    expect(listSchemaFields(null)).toEqual([]);
    expect(listSchemaFields({ type: "object" })).toEqual([]);
    expect(listSchemaFields("nonsense")).toEqual([]);
  });

  it("reads types, including unions with null and const", () => {
    expect(readFieldType({ type: ["integer", "null"] })).toBe("integer");
    expect(readFieldType({ type: ["integer", "string"] })).toBe("unknown");
    expect(readFieldType({ const: 3 })).toBe("enum");
  });
});

describe("operatorsForType", () => {
  it("offers only operators that can match each type", () => {
    expect(operatorsForType("string")).toEqual(["eq", "neq", "in", "not_in", "regex", "contains", "exists"]);
    expect(operatorsForType("number")).toEqual(["eq", "neq", "lt", "lte", "gt", "gte", "in", "not_in", "exists"]);
    expect(operatorsForType("integer")).toEqual(operatorsForType("number"));
    expect(operatorsForType("boolean")).toEqual(["eq", "neq", "exists"]);
    expect(operatorsForType("array")).toEqual(["contains", "exists"]);
    expect(operatorsForType("enum")).toEqual(["eq", "neq", "in", "not_in", "exists"]);
    expect(operatorsForType("object")).toEqual(["exists"]);
    expect(operatorsForType("unknown")).toEqual(CONDITION_OPS);
    expect(operatorsForType("number")).not.toContain("regex");
    expect(operatorsForType("string")).not.toContain("gt");
  });

  it("picks the value kind from the type", () => {
    expect(valueKindForField({ type: "integer" })).toBe("number");
    expect(valueKindForField({ type: "boolean" })).toBe("boolean");
    expect(valueKindForField({ type: "enum", enumValues: ["a", "b"] })).toBe("string");
    expect(valueKindForField({ type: "enum", enumValues: [1, 2] })).toBe("number");
    expect(valueKindForField({ type: "enum", enumValues: [1, "b"] })).toBe("json");
    expect(valueKindForField({ type: "array", itemType: "number" })).toBe("number");
    expect(valueKindForField({ type: "object" })).toBe("json");
    expect(valueKindForField(undefined)).toBe("json");
  });
});
