/**
 * Strict structural equality for JSON values: no coercion ("1" is not 1), key order ignored,
 * arrays compared in order. Used by eq/neq/in/not_in/contains.
 */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const isArrayA = Array.isArray(a);
  if (isArrayA !== Array.isArray(b)) return false;
  if (isArrayA) {
    const left = a as unknown[];
    const right = b as unknown[];
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!isDeepEqual(left[i], right[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(right, key)) return false;
    if (!isDeepEqual(left[key], right[key])) return false;
  }
  return true;
}
