/**
 * Validation of `require` and `deny_if` rules and their conditions. Values are checked against
 * what each operator can use, so a rule that could never match (gt against a string, `in` with a
 * single value, an unsafe regex) is an error at save time instead of a silent gap at call time.
 */
import { compileCondition } from "./conditions";
import { parseArgsPath } from "./paths";
import { checkRegexSafety } from "./safe-regex";
import { type ArgumentRule, CONDITION_OPS, type CompiledRule, type Condition, type ConditionOp } from "./types";
import { describeType, type ErrorSink, expectArray, expectObject, expectString, joinPointer } from "./validate-helpers";

export type ValidatedRules = { docs: ArgumentRule[]; compiled: CompiledRule[] };

export function validateRules(
  value: unknown,
  pointer: string,
  defaultMessage: (rulePointer: string) => string,
  sink: ErrorSink,
  isDenyIf: boolean,
): ValidatedRules {
  const result: ValidatedRules = { docs: [], compiled: [] };
  const rules = expectArray(value, pointer, sink);
  rules?.forEach((rule, index) => {
    const rulePointer = joinPointer(pointer, index);
    const object = expectObject(rule, rulePointer, ["conditions", "on_deny"], sink);
    if (!object) return;
    const doc: ArgumentRule = { conditions: [] };
    if (object.on_deny !== undefined) {
      const message = expectString(object.on_deny, joinPointer(rulePointer, "on_deny"), sink);
      if (message !== null) doc.on_deny = message;
    }
    const conditionsPointer = joinPointer(rulePointer, "conditions");
    const conditions = object.conditions === undefined ? [] : expectArray(object.conditions, conditionsPointer, sink);
    const compiled: CompiledRule = { pointer: rulePointer, message: doc.on_deny ?? defaultMessage(rulePointer), conditions: [] };
    conditions?.forEach((condition, conditionIndex) => {
      const checked = validateCondition(condition, joinPointer(conditionsPointer, conditionIndex), sink);
      if (!checked) return;
      doc.conditions.push(checked);
      // Inside deny_if an oversized regex subject must count as a match, inside require as a miss.
      compiled.conditions.push(compileCondition(checked, isDenyIf));
    });
    result.docs.push(doc);
    result.compiled.push(compiled);
  });
  return result;
}

function validateCondition(value: unknown, pointer: string, sink: ErrorSink): Condition | null {
  const object = expectObject(value, pointer, ["path", "op", "value", "flags"], sink);
  if (!object) return null;
  const errorCount = sink.errors.length;
  const path = expectString(object.path, joinPointer(pointer, "path"), sink);
  if (path !== null && parseArgsPath(path) === null) {
    sink.add(
      joinPointer(pointer, "path"),
      'must be "args" or a dotted path under it, such as "args.amount" or "args.items.0"',
      path,
      "args.<field>[.<field>…]",
    );
  }
  const op = object.op;
  if (typeof op !== "string" || !(CONDITION_OPS as readonly string[]).includes(op)) {
    sink.add(joinPointer(pointer, "op"), `must be one of ${CONDITION_OPS.join(", ")}`, op, CONDITION_OPS.join(" | "));
    return null;
  }
  checkConditionValue(op as ConditionOp, object, pointer, sink);
  if (sink.errors.length > errorCount || path === null) return null;
  const condition: Condition = { path, op: op as ConditionOp };
  if (object.value !== undefined) condition.value = object.value;
  if (object.flags !== undefined) condition.flags = object.flags as string;
  return condition;
}

function checkConditionValue(op: ConditionOp, object: Record<string, unknown>, pointer: string, sink: ErrorSink): void {
  const value = object.value;
  const valuePointer = joinPointer(pointer, "value");
  if (object.flags !== undefined && op !== "regex") {
    sink.add(joinPointer(pointer, "flags"), 'is only allowed with op "regex"', object.flags);
  }
  switch (op) {
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      if (typeof value !== "number" || !Number.isFinite(value)) {
        sink.add(valuePointer, `must be a number for op "${op}", found ${describeType(value)}`, value, "number");
      }
      return;
    case "in":
    case "not_in":
      if (!Array.isArray(value)) sink.add(valuePointer, `must be an array for op "${op}", found ${describeType(value)}`, value, "array");
      return;
    case "exists":
      if (value !== undefined && typeof value !== "boolean") {
        sink.add(valuePointer, `must be true or false for op "exists", found ${describeType(value)}`, value, "boolean");
      }
      return;
    case "regex":
      checkRegexValue(value, object.flags, pointer, sink);
      return;
    default:
      if (value === undefined) sink.add(valuePointer, `is required for op "${op}"`, undefined, "a JSON value");
  }
}

function checkRegexValue(value: unknown, flags: unknown, pointer: string, sink: ErrorSink): void {
  if (flags !== undefined && typeof flags !== "string") {
    sink.add(joinPointer(pointer, "flags"), `must be a string of flags from "imsu", found ${describeType(flags)}`, flags, "string");
    return;
  }
  if (typeof value !== "string") {
    sink.add(joinPointer(pointer, "value"), `must be a regular expression string for op "regex", found ${describeType(value)}`, value, "string");
    return;
  }
  const check = checkRegexSafety(value, flags);
  if (check.ok) return;
  const isFlagProblem = /flag/.test(check.reason);
  sink.add(
    joinPointer(pointer, isFlagProblem ? "flags" : "value"),
    `regular expression ${check.reason}`,
    isFlagProblem ? flags : value,
    isFlagProblem ? 'flags from "imsu"' : "a safe regular expression",
  );
}
