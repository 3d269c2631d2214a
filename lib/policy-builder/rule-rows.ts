/**
 * Argument-rule rows (`require` and `deny_if`) of the visual builder. A condition's value is kept
 * as text plus the kind it should become (string, number, boolean or JSON); lists (`in`, `not_in`)
 * hold one item per line. Conversion errors are limited to "this text is not a number / boolean /
 * JSON"; whether the value suits the operator is left to the engine (lib/policy/validate-rules.ts),
 * whose errors carry the JSON pointer of the field.
 */
import type { ArgumentRule, Condition, ConditionOp } from "@/lib/policy/types";
import type { ValueKind } from "./schema-fields";

export type ConditionRow = { path: string; op: ConditionOp; value: string; kind: ValueKind; flags: string };
export type RuleRow = { conditions: ConditionRow[]; onDeny: string };
/** A problem in a row's text, at a key of the condition (`value`), before the engine sees it. */
export type RowError = { key: string; message: string };

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
export const LIST_OPS: readonly ConditionOp[] = ["in", "not_in"];

export function isListOp(op: ConditionOp): boolean {
  return LIST_OPS.includes(op);
}

export function newConditionRow(path: string, op: ConditionOp, kind: ValueKind): ConditionRow {
  return { path, op, value: op === "exists" ? "true" : "", kind, flags: "" };
}

export function newRuleRow(condition: ConditionRow): RuleRow {
  return { conditions: [condition], onDeny: "" };
}

function kindOf(value: unknown): ValueKind {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "json";
}

function listKind(values: unknown[]): ValueKind {
  const kinds = new Set(values.map(kindOf));
  const [only] = [...kinds];
  if (kinds.size !== 1 || only === undefined || only === "json") return "json";
  // A string item with a line break cannot be written one item per line.
  if (only === "string" && values.some((value) => (value as string).includes("\n") || value === "")) return "json";
  return only;
}

function formatScalar(value: unknown, kind: ValueKind): string {
  return kind === "json" ? JSON.stringify(value) : String(value);
}

export function conditionToRow(condition: Condition): ConditionRow {
  const row: ConditionRow = { path: condition.path, op: condition.op, value: "", kind: "string", flags: condition.flags ?? "" };
  const value = condition.value;
  if (condition.op === "exists") {
    row.kind = "boolean";
    row.value = value === undefined ? "" : String(value);
  } else if (isListOp(condition.op) && Array.isArray(value)) {
    row.kind = listKind(value);
    row.value = row.kind === "json" ? JSON.stringify(value) : value.map(String).join("\n");
  } else if (value !== undefined) {
    row.kind = kindOf(value);
    row.value = formatScalar(value, row.kind);
  } else {
    row.kind = "json";
  }
  return row;
}

function parseScalar(text: string, kind: ValueKind): { value: unknown } | { error: string } {
  switch (kind) {
    case "string":
      return { value: text };
    case "number":
      return NUMBER.test(text.trim()) ? { value: Number(text.trim()) } : { error: `"${text}" is not a number.` };
    case "boolean":
      if (text.trim() === "true" || text.trim() === "false") return { value: text.trim() === "true" };
      return { error: 'Choose "true" or "false".' };
    case "json":
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: 'Write a JSON value, e.g. 42, "text", true or [1, 2].' };
      }
  }
}

export function rowToCondition(row: ConditionRow): { condition: Record<string, unknown>; errors: RowError[] } {
  const condition: Record<string, unknown> = { path: row.path, op: row.op };
  const errors: RowError[] = [];
  if (row.op === "exists") {
    if (row.value !== "") condition.value = row.value === "true" ? true : row.value === "false" ? false : row.value;
  } else if (isListOp(row.op) && row.kind !== "json") {
    const items: unknown[] = [];
    for (const line of row.value.split("\n")) {
      const text = line.replace(/\r$/, "");
      if (text.trim() === "") continue;
      const parsed = parseScalar(text, row.kind);
      if ("error" in parsed) errors.push({ key: "value", message: parsed.error });
      else items.push(parsed.value);
    }
    condition.value = items;
  } else if (row.value !== "" || row.kind === "string") {
    const parsed = parseScalar(row.value, row.kind);
    if ("error" in parsed) errors.push({ key: "value", message: parsed.error });
    else condition.value = parsed.value;
  }
  if (row.op === "regex" && row.flags !== "") condition.flags = row.flags;
  return { condition, errors };
}

export function ruleToRow(rule: ArgumentRule): RuleRow {
  return { conditions: (rule.conditions ?? []).map(conditionToRow), onDeny: rule.on_deny ?? "" };
}

export function rowToRule(row: RuleRow): { rule: Record<string, unknown>; errors: Array<RowError & { condition: number }> } {
  const errors: Array<RowError & { condition: number }> = [];
  const conditions = row.conditions.map((conditionRow, index) => {
    const converted = rowToCondition(conditionRow);
    for (const error of converted.errors) errors.push({ ...error, condition: index });
    return converted.condition;
  });
  const rule: Record<string, unknown> = { conditions };
  if (row.onDeny !== "") rule.on_deny = row.onDeny;
  return { rule, errors };
}
