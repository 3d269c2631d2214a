/**
 * What changed between an accepted tool definition and the one the upstream lists now. Pure: no
 * database, no React, so the dashboard and the tests share one reading of a drift.
 *
 * Text fields (title, description) are reported as before/after with a word-level diff; JSON fields
 * (inputSchema, annotations) as a list of added, removed and changed JSON pointers (RFC 6901).
 */

export type ToolDefinition = {
  title: string | null;
  description: string | null;
  inputSchema: unknown;
  annotations: unknown;
};

export type JsonChange =
  | { op: "added"; pointer: string; after: unknown }
  | { op: "removed"; pointer: string; before: unknown }
  | { op: "changed"; pointer: string; before: unknown; after: unknown };

export type TextPart = { kind: "same" | "added" | "removed"; text: string };

export type TextFieldDiff = { field: "title" | "description"; before: string | null; after: string | null; parts: TextPart[] };
export type JsonFieldDiff = { field: "inputSchema" | "annotations"; changes: JsonChange[] };

export type ToolDefinitionDiff = {
  text: TextFieldDiff[];
  json: JsonFieldDiff[];
};

export const TOOL_FIELD_LABELS = { title: "Title", description: "Description", inputSchema: "Input schema", annotations: "Annotations" } as const;

/** The changed fields in a few words, for tables: "description, input schema". */
export function summarizeDiff(diff: ToolDefinitionDiff): string {
  const fields = [...diff.text.map((d) => d.field), ...diff.json.map((d) => d.field)];
  return fields.length === 0 ? "no field (hash only)" : fields.map((field) => TOOL_FIELD_LABELS[field].toLowerCase()).join(", ");
}

/** The definition a tool's hash covers, with absent fields as null. */
export function toToolDefinition(tool: { title?: string | null; description?: string | null; inputSchema?: unknown; annotations?: unknown }): ToolDefinition {
  return {
    title: tool.title ?? null,
    description: tool.description ?? null,
    inputSchema: tool.inputSchema ?? null,
    annotations: tool.annotations ?? null,
  };
}

function escapePointerToken(token: string): string {
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/**
 * Added, removed and changed JSON pointers from `before` to `after`, sorted by pointer. Objects are
 * compared key by key; arrays of objects index by index; an array of plain values (`required`,
 * `enum`, `type`) is one value, so a reordered or extended list reads as one before/after.
 */
export function diffJson(before: unknown, after: unknown, pointer = ""): JsonChange[] {
  if (jsonEqual(before, after)) return [];
  if (before === undefined) return [{ op: "added", pointer, after }];
  if (after === undefined) return [{ op: "removed", pointer, before }];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      diffJson(
        Object.hasOwn(before, key) ? before[key] : undefined,
        Object.hasOwn(after, key) ? after[key] : undefined,
        `${pointer}/${escapePointerToken(key)}`,
      ),
    );
  }
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isPrimitive) && after.every(isPrimitive))) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => diffJson(before[index], after[index], `${pointer}/${index}`)).flat();
  }
  return [{ op: "changed", pointer, before, after }];
}

/** Word-level diff (longest common subsequence over words and the spaces between them). */
export function diffText(before: string, after: string): TextPart[] {
  const a = before.split(/(\s+)/).filter((token) => token !== "");
  const b = after.split(/(\s+)/).filter((token) => token !== "");
  // Long descriptions would make the table quadratic in memory: past this size show before/after only.
  if (a.length * b.length > 250_000)
    return [...(before ? [{ kind: "removed" as const, text: before }] : []), ...(after ? [{ kind: "added" as const, text: after }] : [])];
  const width = b.length + 1;
  // table[i * width + j]: length of the longest common subsequence of a[i..] and b[j..].
  const table = new Uint32Array((a.length + 1) * width);
  const at = (i: number, j: number) => table[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i * width + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  }
  const parts: TextPart[] = [];
  const push = (kind: TextPart["kind"], text: string) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = a[i];
    const right = b[j];
    if (left !== undefined && left === right) {
      push("same", left);
      i++;
      j++;
    } else if (left !== undefined && (right === undefined || at(i + 1, j) >= at(i, j + 1))) {
      push("removed", left);
      i++;
    } else if (right !== undefined) {
      push("added", right);
      j++;
    }
  }
  return parts;
}

/** Every field that differs between the accepted and the current definition; empty lists when none does. */
export function diffToolDefinitions(accepted: ToolDefinition, current: ToolDefinition): ToolDefinitionDiff {
  const text: TextFieldDiff[] = [];
  for (const field of ["title", "description"] as const) {
    const before = accepted[field];
    const after = current[field];
    if (before !== after) text.push({ field, before, after, parts: diffText(before ?? "", after ?? "") });
  }
  const json: JsonFieldDiff[] = [];
  for (const field of ["inputSchema", "annotations"] as const) {
    const changes = diffJson(accepted[field] ?? null, current[field] ?? null);
    if (changes.length > 0) json.push({ field, changes });
  }
  return { text, json };
}

/** Whether a stored JSON value has the shape of a recorded definition (rows are never trusted blindly). */
export function parseToolDefinition(value: unknown): ToolDefinition | null {
  if (!isPlainObject(value)) return null;
  const { title, description } = value;
  if (((title ?? null) !== null && typeof title !== "string") || ((description ?? null) !== null && typeof description !== "string")) return null;
  return toToolDefinition(value as Partial<ToolDefinition>);
}
