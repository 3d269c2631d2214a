"use server";

import { z } from "zod";
import { defineUserAction } from "@/lib/actions/define-action";
import { acceptInvitation } from "@/lib/db/invitations";

export const acceptInvitationAction = defineUserAction({ schema: z.object({ token: z.string().min(1) }) }, async ({ user, input }) =>
  acceptInvitation({ token: input.token, user }),
);
