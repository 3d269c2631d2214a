"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createInvitation, revokeInvitation } from "@/lib/db/invitations";
import { changeMemberRole, removeMember } from "@/lib/db/members";
import { getEnv } from "@/lib/env";
import { changeRoleSchema, inviteMemberSchema, removeMemberSchema, revokeInvitationSchema } from "@/lib/validation/member";

export const inviteMemberAction = defineAction({ schema: inviteMemberSchema, role: "admin" }, async ({ org, input, actor }) => {
  const { invitation, token } = await createInvitation({ orgId: org.id, email: input.email || null, role: input.role, actor });
  const base = getEnv().TOOLGATE_PUBLIC_URL ?? "";
  return { invitationId: invitation.id, link: `${base}/invite/${token}` };
});

export const changeRoleAction = defineAction({ schema: changeRoleSchema, role: "admin" }, async ({ org, input, actor }) => {
  await changeMemberRole({ orgId: org.id, membershipId: input.membershipId, role: input.role, actor });
  return null;
});

export const removeMemberAction = defineAction({ schema: removeMemberSchema, role: "admin" }, async ({ org, input, actor }) => {
  await removeMember({ orgId: org.id, membershipId: input.membershipId, actor });
  return null;
});

export const revokeInvitationAction = defineAction({ schema: revokeInvitationSchema, role: "admin" }, async ({ org, input, actor }) => {
  await revokeInvitation({ orgId: org.id, invitationId: input.invitationId, actor });
  return null;
});
