"use server";

import { defineAction } from "@/lib/actions/define-action";
import { mintGrant, revokeGrant, rotateGrant, updateGrant } from "@/lib/db/grants";
import { createPolicy } from "@/lib/db/policies";
import { listTools } from "@/lib/db/tools";
import { suggestStarterPolicy } from "@/lib/policy/starter-policy";
import type { PolicyDocument } from "@/lib/policy/types";
import { editGrantFormSchema, grantIdSchema, mintGrantSchema } from "@/lib/validation/grant";
import { attachPolicySchema, createPolicyFromTemplateSchema, type PolicyTemplate } from "@/lib/validation/policy";

export const mintGrantAction = defineAction({ schema: mintGrantSchema, role: "admin" }, async ({ org, input, actor }) => {
  const { grant, token } = await mintGrant({
    orgId: org.id,
    serverId: input.serverId,
    label: input.label,
    policyId: input.policyId ?? null,
    expiresAt: input.expiresAt ?? null,
    actor,
  });
  return { grantId: grant.id, token };
});

export const rotateGrantAction = defineAction({ schema: grantIdSchema, role: "admin" }, async ({ org, input, actor }) => {
  const { grant, token } = await rotateGrant({ orgId: org.id, grantId: input.grantId, actor });
  return { grantId: grant.id, token };
});

export const revokeGrantAction = defineAction({ schema: grantIdSchema, role: "admin" }, async ({ org, input, actor }) => {
  await revokeGrant({ orgId: org.id, grantId: input.grantId, actor });
  return null;
});

// Label and expiry are part of the grant itself, an admin power like minting (SPEC §1). The new
// expiry reaches every proxy on its next request: updateGrant notifies the grant cache.
export const editGrantAction = defineAction({ schema: editGrantFormSchema, role: "admin", redirectOnSuccess: true }, async ({ org, input, actor }) => {
  const grant = await updateGrant({ orgId: org.id, grantId: input.grantId, data: { label: input.label, expiresAt: input.expiresAt }, actor });
  return `/${org.slug}/servers/${grant.serverId}`;
});

// Attaching a policy changes what an agent may do, which is the policy manager's job (SPEC §1).
export const attachPolicyAction = defineAction({ schema: attachPolicySchema, role: "policy_manager" }, async ({ org, input, actor }) => {
  await updateGrant({ orgId: org.id, grantId: input.grantId, data: { policyId: input.policyId }, actor });
  return null;
});

async function buildTemplate(orgId: string, serverId: string, template: PolicyTemplate): Promise<PolicyDocument> {
  if (template === "deny_all") return { version: "1", default: "deny", validate_arguments: true, tools: {} };
  if (template === "allow_all") return { version: "1", default: "allow", validate_arguments: true, tools: {} };
  const tools = await listTools({ orgId, serverId });
  return suggestStarterPolicy(
    tools.map((tool) => ({ name: tool.name, description: tool.description ?? undefined, annotations: tool.annotations ?? undefined })),
  );
}

export const createPolicyAction = defineAction(
  { schema: createPolicyFromTemplateSchema, role: "policy_manager", redirectOnSuccess: true },
  async ({ org, input, actor }) => {
    const document = await buildTemplate(org.id, input.serverId, input.template);
    const policy = await createPolicy({ orgId: org.id, serverId: input.serverId, name: input.name, document, actor });
    return `/${org.slug}/servers/${policy.serverId}/policies/${policy.id}`;
  },
);
