import "server-only";
/**
 * Applies a tool's recommended rule (from its risk class) to a policy of the same server: the
 * current document with that one tool's rule replaced, saved as a new version, so it can be
 * reviewed in the version diff and restored like any other edit.
 */
import type { Actor } from "@/lib/audit";
import { getPolicy, type PolicyDto, savePolicyVersion } from "@/lib/db/policies";
import { getTool } from "@/lib/db/tools";
import { notFound } from "@/lib/errors";
import { suggestedRuleFor } from "@/lib/policy/risk";
import type { PolicyDocument, ToolRule } from "@/lib/policy/types";

export function mergeToolRule(document: PolicyDocument, toolName: string, rule: ToolRule): PolicyDocument {
  const tools = { ...document.tools };
  // defineProperty: a tool named "__proto__" must become a key, not the prototype.
  Object.defineProperty(tools, toolName, { value: rule, enumerable: true, writable: true, configurable: true });
  const merged: PolicyDocument = { ...document, tools };
  // A hidden tool would never reach its rule; applying a rule means the tool should be visible.
  if (Array.isArray(document.hide)) merged.hide = document.hide.filter((name) => name !== toolName);
  return merged;
}

export async function applyRecommendedRule({
  orgId,
  serverId,
  toolName,
  policyId,
  actor,
}: {
  orgId: string;
  serverId: string;
  toolName: string;
  policyId: string;
  actor: Actor;
}): Promise<PolicyDto> {
  const [tool, policy] = await Promise.all([getTool({ orgId, serverId, name: toolName }), getPolicy({ orgId, policyId })]);
  if (policy.serverId !== serverId) throw notFound("Policy");
  const document = mergeToolRule(policy.document, toolName, suggestedRuleFor(tool.riskClass, toolName));
  return savePolicyVersion({ orgId, policyId, document, actor });
}
