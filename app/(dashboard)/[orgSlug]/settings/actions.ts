"use server";

import { defineAction } from "@/lib/actions/define-action";
import { updateOrganizationSettings } from "@/lib/db/orgs";
import { updateOrgSettingsSchema } from "@/lib/validation/org";

export const updateSettingsAction = defineAction({ schema: updateOrgSettingsSchema, role: "admin" }, async ({ org, input, actor }) => {
  await updateOrganizationSettings({ orgId: org.id, data: input, actor });
  return null;
});
