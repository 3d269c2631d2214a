/**
 * The eleven condition operators, compiled into closures so evaluation does no parsing and no
 * dispatch on the operator name. Semantics (SPEC §2), deliberately strict:
 * - A missing path makes every operator false except `exists` (so `neq` on a missing path is false:
 *   "not equal to X" is a claim about a value, and there is none).
 * - Ordering operators compare only when both sides are numbers; "5" > 3 is false.
 * - eq/neq/in/not_in/contains compare by deep equality without coercion.
 * - `regex` runs on at most MAX_REGEX_SUBJECT_LENGTH characters, which bounds the polynomial
 *   backtracking that safe-regex.ts still lets through. A longer string fails closed: the condition
 *   takes the value that denies the call (true inside deny_if, false inside require).
 * Input must already be validated (validate-rules.ts); this module trusts it.
 */
import { isDeepEqual } from "./deep-equal";
import { MISSING, parseArgsPath, resolveArgsPath } from "./paths";
import type { CompiledCondition, Condition } from "./types";

export const MAX_REGEX_SUBJECT_LENGTH = 4096;

/** `oversizeResult` is what a regex condition yields for a too-long string; see the header. */
export function compileCondition(condition: Condition, oversizeResult = false): CompiledCondition {
  const segments = parseArgsPath(condition.path);
  if (segments === null) throw new Error(`Invalid condition path: ${condition.path}`);
  const test = compileTest(condition, oversizeResult);
  if (condition.op === "exists") {
    const wantsPresent = condition.value !== false;
    return (args) => (resolveArgsPath(args, segments) !== MISSING) === wantsPresent;
  }
  return (args) => {
    const actual = resolveArgsPath(args, segments);
    return actual !== MISSING && test(actual);
  };
}

function compileTest(condition: Condition, oversizeResult: boolean): (actual: unknown) => boolean {
  const expected = condition.value;
  switch (condition.op) {
    case "eq":
      return isPrimitive(expected) ? (a) => a === expected : (a) => isDeepEqual(a, expected);
    case "neq":
      return isPrimitive(expected) ? (a) => a !== expected : (a) => !isDeepEqual(a, expected);
    case "lt":
      return (a) => typeof a === "number" && a < (expected as number);
    case "lte":
      return (a) => typeof a === "number" && a <= (expected as number);
    case "gt":
      return (a) => typeof a === "number" && a > (expected as number);
    case "gte":
      return (a) => typeof a === "number" && a >= (expected as number);
    case "in":
      return compileMembership(expected as unknown[]);
    case "not_in": {
      const isMember = compileMembership(expected as unknown[]);
      return (a) => !isMember(a);
    }
    case "regex": {
      const pattern = new RegExp(expected as string, condition.flags ?? "");
      return (a) => typeof a === "string" && (a.length > MAX_REGEX_SUBJECT_LENGTH ? oversizeResult : pattern.test(a));
    }
    case "contains":
      return (a) => {
        if (typeof a === "string") return typeof expected === "string" && a.includes(expected);
        if (Array.isArray(a)) return a.some((item) => isDeepEqual(item, expected));
        return false;
      };
    case "exists":
      return () => true;
  }
}

/** A Set gives O(1) lookups when every candidate is a primitive; Set equality never coerces types. */
function compileMembership(candidates: unknown[]): (actual: unknown) => boolean {
  if (candidates.every(isPrimitive)) {
    const set = new Set(candidates);
    return (a) => isPrimitive(a) && set.has(a);
  }
  return (a) => candidates.some((candidate) => isDeepEqual(a, candidate));
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}
