"use server";

import { defineAction } from "@/lib/actions/define-action";
import { deletePolicy, getPolicy, restorePolicyVersion, savePolicyVersion } from "@/lib/db/policies";
import { applyRecommendedRule } from "@/lib/servers/apply-tool-rule";
import { dryRunPolicy } from "@/lib/servers/dry-run";
import { simulateCall } from "@/lib/servers/simulate-call";
import { deletePolicySchema, dryRunSchema, restorePolicyVersionSchema, simulateCallSchema, updatePolicySchema } from "@/lib/validation/policy";
import { applyToolRuleSchema } from "@/lib/validation/tool";

export const savePolicyAction = defineAction({ schema: updatePolicySchema, role: "policy_manager" }, async ({ org, input, actor }) => {
  const policy = await savePolicyVersion({ orgId: org.id, policyId: input.policyId, document: input.document, name: input.name, actor });
  return { version: policy.version };
});

export const restorePolicyAction = defineAction({ schema: restorePolicyVersionSchema, role: "policy_manager" }, async ({ org, input, actor }) => {
  const policy = await restorePolicyVersion({ orgId: org.id, policyId: input.policyId, version: input.version, actor });
  return { version: policy.version };
});

// The read only finds the server page to return to; the delete itself is scoped by orgId again.
export const deletePolicyAction = defineAction(
  { schema: deletePolicySchema, role: "policy_manager", redirectOnSuccess: true },
  async ({ org, input, actor }) => {
    const { serverId } = await getPolicy({ orgId: org.id, policyId: input.policyId });
    await deletePolicy({ orgId: org.id, policyId: input.policyId, actor });
    return `/${org.slug}/servers/${serverId}`;
  },
);

// Viewers read policy contents (SPEC §1), so they may also ask what a policy would decide.
export const simulateCallAction = defineAction({ schema: simulateCallSchema, role: "viewer" }, async ({ org, input }) => {
  return simulateCall({ orgId: org.id, policyId: input.policyId, toolName: input.tool, args: input.arguments, draft: input.document });
});

export const applyToolRuleAction = defineAction({ schema: applyToolRuleSchema, role: "policy_manager" }, async ({ org, input, actor }) => {
  const policy = await applyRecommendedRule({ orgId: org.id, serverId: input.serverId, toolName: input.toolName, policyId: input.policyId, actor });
  return { policyId: policy.id, version: policy.version, name: policy.name };
});

// The dry run reads only the call log and the policy, both of which viewers may read.
export const dryRunAction = defineAction({ schema: dryRunSchema, role: "viewer" }, async ({ org, input }) => {
  return dryRunPolicy({ orgId: org.id, policyId: input.policyId, draft: input.document, days: input.days });
});
