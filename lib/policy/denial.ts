/**
 * Turns a denial into an MCP tool result (SPEC §2): `isError: true` so the model reads the text
 * and can adapt, and `_meta["toolgate/decision"]` for programs. The text names the policy, its
 * version and the deciding rule, so an operator reading a transcript can find the rule at once.
 */
import type { Decision, DecisionCode } from "./types";

export type DenialMeta = { policyName: string | null; policyVersion: number | null; policyId?: string | null };

export type DenialDecisionMeta = {
  code: DecisionCode;
  rule: string;
  policy: string | null;
  version: number | null;
  policyId?: string;
  retryAfter?: number;
};

export type DenialResult = {
  content: [{ type: "text"; text: string }];
  isError: true;
  _meta: { "toolgate/decision": DenialDecisionMeta };
};

export function toDenialResult(decision: Decision, meta: DenialMeta): DenialResult {
  const decisionMeta: DenialDecisionMeta = { code: decision.code, rule: decision.rule, policy: meta.policyName, version: meta.policyVersion };
  if (meta.policyId) decisionMeta.policyId = meta.policyId;
  if (decision.retryAfterSeconds !== undefined) decisionMeta.retryAfter = decision.retryAfterSeconds;
  const text = `${formatPrefix(decision, meta)}: ${decision.message ?? defaultMessage(decision.code)}`;
  return { content: [{ type: "text", text }], isError: true, _meta: { "toolgate/decision": decisionMeta } };
}

/** `Denied by Toolgate policy "NAME" v3 (deny_if /tools/x/deny_if/0)` or `Denied by Toolgate (no policy)`. */
function formatPrefix(decision: Decision, meta: DenialMeta): string {
  // Pseudo-rules such as "(default deny)" already say what happened; pointers need the code beside them.
  const detail = decision.rule.startsWith("(") ? decision.rule : `(${decision.code} ${decision.rule})`;
  if (decision.code === "no_policy" || meta.policyName === null) return `Denied by Toolgate ${detail}`;
  const version = meta.policyVersion === null ? "" : ` v${meta.policyVersion}`;
  return `Denied by Toolgate policy ${JSON.stringify(meta.policyName)}${version} ${detail}`;
}

function defaultMessage(code: DecisionCode): string {
  switch (code) {
    case "rate_limited":
      return "Rate limit reached. Retry later.";
    case "invalid_arguments":
      return "The arguments do not match the tool's input schema.";
    default:
      return "This call is not allowed.";
  }
}
