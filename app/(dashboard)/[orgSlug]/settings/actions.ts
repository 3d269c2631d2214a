"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setApprovalWebhook } from "@/lib/db/approval-webhook";
import { updateOrganizationSettings } from "@/lib/db/orgs";
import { approvalWebhookSchema, removeApprovalWebhookSchema } from "@/lib/validation/approval";
import { updateOrgSettingsSchema } from "@/lib/validation/org";

export const updateSettingsAction = defineAction({ schema: updateOrgSettingsSchema, role: "admin" }, async ({ org, input, actor }) => {
  await updateOrganizationSettings({ orgId: org.id, data: input, actor });
  return null;
});

/**
 * Sets or removes the webhook that announces new approval requests. Admin only, like every
 * organisation setting. A save returns the new signing secret, shown once: the server keeps it
 * encrypted and never sends it to the browser again. No hidden `intent` field: each form has its
 * own action, so nothing in a form can turn a save into a removal.
 */
export const setApprovalWebhookAction = defineAction({ schema: approvalWebhookSchema, role: "admin" }, async ({ org, input, actor }) =>
  setApprovalWebhook({ orgId: org.id, url: input.url, actor }),
);

export const removeApprovalWebhookAction = defineAction({ schema: removeApprovalWebhookSchema, role: "admin" }, async ({ org, actor }) => {
  await setApprovalWebhook({ orgId: org.id, url: null, actor });
  return null;
});
