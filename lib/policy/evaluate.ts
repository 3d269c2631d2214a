/**
 * Decides a tools/call in the order of SPEC §2. Pure and deterministic: the clock comes from
 * `input.now`, counters are not read here (the caller reserves the returned reservations
 * atomically and, if one fails, answers with rateLimitedDecision), and nothing is mutated.
 * Argument validation needs the tool's catalogue entry; when the caller has none (the tool was
 * never seen in tools/list) validation is skipped, because there is no schema to validate against.
 * The policy's own rules (default, require, deny_if) still apply, so this does not open a gap.
 * A limit whose `amount_from` is missing or not a non-negative finite number denies the call with
 * code `invalid_limit_amount`, not `rate_limited`: retrying later would not help the agent.
 */
import { getArgumentValidator } from "./argument-validator";
import { createDecision, DEFAULT_ALLOW_RULE, DEFAULT_DENY_RULE, HIDDEN_RULE, NO_POLICY_DECISION } from "./decisions";
import { isToolHidden } from "./list-filter";
import { buildReservations, type CallContext } from "./reservations";
import type { CompiledCondition, CompiledLimit, CompiledRule, CompiledTool, Decision, Policy, ToolArguments } from "./types";

export { approvalDeniedDecision, approvalExpiredDecision, rateLimitedDecision } from "./decisions";

export type CatalogueTool = { name: string; inputSchema?: object; description?: string; annotations?: object };

export type EvaluateInput = {
  policy: Policy | null;
  toolName: string;
  arguments: Record<string, unknown> | undefined;
  tool?: CatalogueTool | null;
  context: CallContext;
  now: Date;
};

const HIDDEN_DECISION = Object.freeze(createDecision("hidden", "hidden", HIDDEN_RULE));
const NO_LIMITS: readonly CompiledLimit[] = [];
const DEFAULT_DENY_DECISION = Object.freeze(createDecision("deny", "default_deny", DEFAULT_DENY_RULE));

export function evaluateToolCall(input: EvaluateInput): Decision {
  const { policy, toolName } = input;
  if (!policy) return NO_POLICY_DECISION;
  if (isToolHidden(policy, toolName)) return HIDDEN_DECISION;
  const tool = policy.tools.get(toolName);
  if (!tool && !policy.isDefaultAllow) return policy.unlistedDecision ?? DEFAULT_DENY_DECISION;
  if (tool?.action === "deny" && tool.constantDecision) return tool.constantDecision;

  if (needsSchemaCheck(policy, input)) {
    const check = getArgumentValidator(input.tool?.inputSchema as object)(input.arguments ?? {});
    const rule = tool ? tool.pointer : DEFAULT_ALLOW_RULE;
    if (!check.ok) return createDecision("deny", "invalid_arguments", rule, `Invalid arguments: ${check.message}`);
  }
  if (!tool) return policy.unlistedDecision ?? decideLimits(policy, null, input, DEFAULT_ALLOW_RULE);
  if (tool.constantDecision && policy.allToolsLimits.length === 0) return tool.constantDecision;

  const failed = findFailedRequirement(tool.require, input.arguments) ?? findMatchingDenyRule(tool.denyIf, input.arguments);
  if (failed) return failed;
  return decideLimits(policy, tool, input, tool.pointer);
}

function needsSchemaCheck(policy: Policy, input: EvaluateInput): boolean {
  return policy.validateArguments && input.tool != null && typeof input.tool.inputSchema === "object" && input.tool.inputSchema !== null;
}

function findFailedRequirement(rules: readonly CompiledRule[], args: ToolArguments): Decision | null {
  for (const rule of rules) {
    if (!doAllHold(rule.conditions, args)) return createDecision("deny", "require_failed", rule.pointer, rule.message);
  }
  return null;
}

function findMatchingDenyRule(rules: readonly CompiledRule[], args: ToolArguments): Decision | null {
  for (const rule of rules) {
    if (doAllHold(rule.conditions, args)) return createDecision("deny", "deny_if", rule.pointer, rule.message);
  }
  return null;
}

/** A plain loop: Array#every with a fresh closure per rule showed up in profiles of the hot path. */
function doAllHold(conditions: readonly CompiledCondition[], args: ToolArguments): boolean {
  for (let i = 0; i < conditions.length; i++) if (!(conditions[i] as CompiledCondition)(args)) return false;
  return true;
}

function decideLimits(policy: Policy, tool: CompiledTool | null, input: EvaluateInput, allowRule: string): Decision {
  const built = buildReservations([tool?.limits ?? NO_LIMITS, policy.allToolsLimits], input.arguments, input.context, input.now);
  if (!Array.isArray(built)) {
    const limit = built as CompiledLimit;
    const path = `args.${limit.amountPath?.join(".") ?? ""}`;
    return createDecision(
      "deny",
      "invalid_limit_amount",
      limit.pointer,
      `The limit at ${limit.pointer} counts ${path}, which must be a non-negative number in the arguments.`,
    );
  }
  if (tool?.action === "require_approval") {
    const message = tool.reason ?? `Calls to "${tool.name}" need approval by a person before they run.`;
    return { ...createDecision("require_approval", "approval_required", tool.pointer, message, built), approvalTimeoutMs: tool.approvalTimeoutMs };
  }
  return createDecision("allow", "allowed", allowRule, undefined, built);
}
