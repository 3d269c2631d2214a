import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const roleSchema = z.enum(ROLES, { error: "Choose viewer, policy manager or admin." });

export const inviteMemberSchema = z.object({
  email: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email({ error: "Enter a valid email address." })),
    ])
    .optional(),
  role: roleSchema,
});
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const changeRoleSchema = z.object({ membershipId: z.string().min(1), role: roleSchema });
export const removeMemberSchema = z.object({ membershipId: z.string().min(1) });
export const revokeInvitationSchema = z.object({ invitationId: z.string().min(1) });
