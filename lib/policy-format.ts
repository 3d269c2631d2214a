/**
 * Pretty-prints a policy document in the order people write it (version, default, …, tools; and
 * counter, window, max, scope inside a limit). PostgreSQL's jsonb stores keys in its own order, so
 * without this the editor and the version diff would show "tools" before "version".
 */
const ORDER = [
  "version",
  "default",
  "hide",
  "validate_arguments",
  "all_tools",
  "tools",
  "action",
  "reason",
  "require",
  "deny_if",
  "limits",
  "approval",
  "conditions",
  "on_deny",
  "path",
  "op",
  "value",
  "flags",
  "counter",
  "window",
  "max",
  "scope",
  "amount_from",
  "timeout",
];
const RANK = new Map(ORDER.map((key, index) => [key, index]));

function reorder(value: unknown, isToolMap: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => reorder(item, false));
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  // Tool names keep their stored order; only keys of the document's own grammar are ranked.
  if (!isToolMap) entries.sort(([a], [b]) => (RANK.get(a) ?? ORDER.length) - (RANK.get(b) ?? ORDER.length));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of entries) {
    // `value` inside a condition is user data: its own keys are left as they are.
    const child = key === "value" ? inner : reorder(inner, key === "tools");
    Object.defineProperty(out, key, { value: child, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function formatPolicyDocument(document: unknown): string {
  return JSON.stringify(reorder(document, false), null, 2);
}
