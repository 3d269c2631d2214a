/**
 * Validation and compilation of one `tools[name]` entry. Compilation happens in the same pass so
 * the JSON pointers recorded for the evaluator are exactly the ones of the document as written
 * (a `rate_limit` shorthand keeps the pointer `/tools/NAME/rate_limit`).
 */
import { createDecision, freezeDecision } from "./decisions";
import { DEFAULT_APPROVAL_TIMEOUT_MS, parseDurationMs } from "./durations";
import type { CompiledTool, ToolAction, ToolRule } from "./types";
import { type ErrorSink, expectArray, expectObject, expectString, joinPointer } from "./validate-helpers";
import { type CounterRegistry, validateLimit } from "./validate-limits";
import { validateRules } from "./validate-rules";

const TOOL_KEYS = ["action", "reason", "require", "deny_if", "limits", "approval", "rate_limit"] as const;
const ACTIONS: readonly ToolAction[] = ["allow", "deny", "require_approval"];

export type ValidatedTool = { doc: ToolRule; compiled: CompiledTool };

export function validateTool(name: string, value: unknown, pointer: string, registry: CounterRegistry, sink: ErrorSink): ValidatedTool | null {
  const object = expectObject(value, pointer, TOOL_KEYS, sink);
  if (!object) return null;
  const doc: ToolRule = {};
  const action = readAction(object.action, joinPointer(pointer, "action"), sink);
  if (object.action !== undefined && action) doc.action = action;
  if (object.reason !== undefined) {
    const reason = expectString(object.reason, joinPointer(pointer, "reason"), sink);
    if (reason !== null) doc.reason = reason;
  }
  const compiled: CompiledTool = {
    name,
    pointer,
    action: action ?? "allow",
    reason: doc.reason,
    require: [],
    denyIf: [],
    limits: [],
    approvalTimeoutMs: DEFAULT_APPROVAL_TIMEOUT_MS,
    constantDecision: null,
  };
  if (object.require !== undefined) {
    const rules = validateRules(object.require, joinPointer(pointer, "require"), (at) => `The call does not meet the requirement at ${at}.`, sink, false);
    doc.require = rules.docs;
    compiled.require = rules.compiled;
  }
  if (object.deny_if !== undefined) {
    const rules = validateRules(object.deny_if, joinPointer(pointer, "deny_if"), (at) => `The call matches the deny rule at ${at}.`, sink, true);
    doc.deny_if = rules.docs;
    compiled.denyIf = rules.compiled;
  }
  readLimits(name, object, pointer, registry, sink, doc, compiled);
  readApproval(object.approval, compiled.action, joinPointer(pointer, "approval"), sink, doc, compiled);
  compiled.constantDecision = buildConstantDecision(compiled);
  return { doc, compiled };
}

function readAction(value: unknown, pointer: string, sink: ErrorSink): ToolAction | null {
  if (value === undefined) return null;
  if (typeof value === "string" && (ACTIONS as readonly string[]).includes(value)) return value as ToolAction;
  sink.add(pointer, `must be one of ${ACTIONS.join(", ")}`, value, ACTIONS.join(" | "));
  return null;
}

function readLimits(
  name: string,
  object: Record<string, unknown>,
  pointer: string,
  registry: CounterRegistry,
  sink: ErrorSink,
  doc: ToolRule,
  compiled: CompiledTool,
): void {
  const limitsPointer = joinPointer(pointer, "limits");
  const limits = object.limits === undefined ? [] : (expectArray(object.limits, limitsPointer, sink) ?? []);
  if (object.limits !== undefined || object.rate_limit !== undefined) doc.limits = [];
  limits.forEach((limit, index) => {
    const checked = validateLimit(limit, joinPointer(limitsPointer, index), name, registry, sink);
    if (!checked) return;
    doc.limits?.push(checked.doc);
    compiled.limits.push(checked.compiled);
  });
  if (object.rate_limit !== undefined) {
    const checked = validateLimit(object.rate_limit, joinPointer(pointer, "rate_limit"), name, registry, sink);
    if (!checked) return;
    doc.limits?.push(checked.doc);
    compiled.limits.push(checked.compiled);
  }
}

function readApproval(value: unknown, action: ToolAction, pointer: string, sink: ErrorSink, doc: ToolRule, compiled: CompiledTool): void {
  if (value === undefined) return;
  if (action !== "require_approval") {
    sink.add(pointer, 'is only allowed with action "require_approval"', value);
    return;
  }
  const object = expectObject(value, pointer, ["timeout"], sink);
  if (!object || object.timeout === undefined) {
    if (object) doc.approval = { timeout: "30m" };
    return;
  }
  const timeoutMs = parseDurationMs(object.timeout);
  if (timeoutMs === null) {
    sink.add(joinPointer(pointer, "timeout"), 'must be a duration such as "20s", "30m", "2h" or "1d", at most 7 days', object.timeout, "<number><s|m|h|d>");
    return;
  }
  doc.approval = { timeout: object.timeout as string };
  compiled.approvalTimeoutMs = timeoutMs;
}

function buildConstantDecision(tool: CompiledTool) {
  if (tool.action === "deny") {
    return freezeDecision(createDecision("deny", "tool_denied", tool.pointer, tool.reason ?? `The tool "${tool.name}" is not allowed by this policy.`));
  }
  const hasRules = tool.require.length > 0 || tool.denyIf.length > 0 || tool.limits.length > 0;
  if (tool.action === "allow" && !hasRules) return freezeDecision(createDecision("allow", "allowed", tool.pointer));
  return null;
}
