/**
 * Reads a tool's input schema (JSON Schema, as MCP defines it) into the fields the argument-rule
 * form offers, and restricts each field to the operators that can ever match its type. The
 * restriction is a convenience for authors only: the engine still accepts any operator on any path,
 * and a loaded rule that uses another operator is shown as written.
 */
import { CONDITION_OPS, type ConditionOp } from "@/lib/policy/types";

export type FieldType = "string" | "number" | "integer" | "boolean" | "array" | "object" | "enum" | "unknown";
export type ValueKind = "string" | "number" | "boolean" | "json";

export type SchemaField = {
  /** The condition path, e.g. `args.customer.id`. */
  path: string;
  /** JSON pointer of the property inside the schema, e.g. `/properties/customer/properties/id`. */
  pointer: string;
  label: string;
  type: FieldType;
  enumValues?: unknown[];
  /** For arrays: the type of the items, when the schema says. */
  itemType?: FieldType;
};

const MAX_DEPTH = 3;
const MAX_FIELDS = 200;
/** The engine splits paths on dots and refuses whitespace (lib/policy/paths.ts). */
const PATH_SEGMENT = /^[^.\s]+$/;

const OPERATORS: Record<FieldType, readonly ConditionOp[]> = {
  string: ["eq", "neq", "in", "not_in", "regex", "contains", "exists"],
  number: ["eq", "neq", "lt", "lte", "gt", "gte", "in", "not_in", "exists"],
  integer: ["eq", "neq", "lt", "lte", "gt", "gte", "in", "not_in", "exists"],
  boolean: ["eq", "neq", "exists"],
  array: ["contains", "exists"],
  object: ["exists"],
  enum: ["eq", "neq", "in", "not_in", "exists"],
  unknown: CONDITION_OPS,
};

export function operatorsForType(type: FieldType): readonly ConditionOp[] {
  return OPERATORS[type];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function readFieldType(schema: unknown): FieldType {
  if (!isRecord(schema)) return "unknown";
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return "enum";
  if (schema.const !== undefined) return "enum";
  const declared = Array.isArray(schema.type) ? schema.type.filter((type) => type !== "null") : [schema.type];
  if (declared.length !== 1) return "unknown";
  const [type] = declared;
  if (type === "string" || type === "number" || type === "integer" || type === "boolean" || type === "array" || type === "object") return type;
  return "unknown";
}

function kindOfValues(values: unknown[]): ValueKind {
  if (values.length > 0 && values.every((value) => typeof value === "number")) return "number";
  if (values.length > 0 && values.every((value) => typeof value === "boolean")) return "boolean";
  if (values.length > 0 && values.every((value) => typeof value === "string")) return "string";
  return "json";
}

/** The kind of value a condition on this field compares against. */
export function valueKindForField(field: Pick<SchemaField, "type" | "enumValues" | "itemType"> | undefined): ValueKind {
  switch (field?.type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "enum":
      return kindOfValues(field.enumValues ?? []);
    case "array":
      return field.itemType ? valueKindForField({ type: field.itemType }) : "json";
    default:
      return "json";
  }
}

/** Top-level properties and, up to three levels deep, the properties of nested objects. */
export function listSchemaFields(inputSchema: unknown): SchemaField[] {
  const fields: SchemaField[] = [];
  const walk = (schema: unknown, path: string, pointer: string, label: string, depth: number) => {
    if (!isRecord(schema) || !isRecord(schema.properties) || depth >= MAX_DEPTH) return;
    for (const [key, property] of Object.entries(schema.properties)) {
      if (fields.length >= MAX_FIELDS || !PATH_SEGMENT.test(key)) continue;
      const field: SchemaField = {
        path: `${path}.${key}`,
        pointer: `${pointer}/properties/${escapePointer(key)}`,
        label: label ? `${label}.${key}` : key,
        type: readFieldType(property),
      };
      if (isRecord(property) && field.type === "enum") field.enumValues = Array.isArray(property.enum) ? property.enum : [property.const];
      if (isRecord(property) && field.type === "array") {
        const itemType = readFieldType(property.items);
        if (itemType !== "unknown" && itemType !== "object" && itemType !== "array") field.itemType = itemType;
      }
      fields.push(field);
      if (field.type === "object") walk(property, field.path, field.pointer, field.label, depth + 1);
    }
  };
  walk(inputSchema, "args", "", "", 0);
  return fields;
}
