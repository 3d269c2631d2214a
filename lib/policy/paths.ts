/**
 * Argument paths such as `args.items.0.sku`. They are split once at validation; resolving walks own
 * properties only, so a path can never reach `__proto__` or `constructor` of a plain object.
 */

/** Returned by resolveArgsPath when the path does not exist; distinct from a present `null`. */
export const MISSING: unique symbol = Symbol("missing");

const SEGMENT = /^[^.\s]+$/;

/** Splits `args.a.b` into ["a", "b"] (`args` alone is the whole arguments object), or null if malformed. */
export function parseArgsPath(path: string): string[] | null {
  if (path === "args") return [];
  if (!path.startsWith("args.")) return null;
  const segments = path.slice(5).split(".");
  for (const segment of segments) if (!SEGMENT.test(segment)) return null;
  return segments;
}

const hasOwn = Object.prototype.hasOwnProperty;

export function resolveArgsPath(args: unknown, segments: readonly string[]): unknown {
  // Absent arguments mean "called with no arguments", which MCP treats as an empty object.
  let current: unknown = args === undefined ? {} : args;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return MISSING;
    if (Array.isArray(current)) {
      const index = toArrayIndex(segment);
      if (index === -1 || index >= current.length) return MISSING;
      current = current[index];
    } else {
      if (!hasOwn.call(current, segment)) return MISSING;
      current = (current as Record<string, unknown>)[segment];
    }
    if (current === undefined) return MISSING;
  }
  return current;
}

function toArrayIndex(segment: string): number {
  if (!/^(0|[1-9][0-9]{0,8})$/.test(segment)) return -1;
  return Number(segment);
}
