"use server";

import { defineAction } from "@/lib/actions/define-action";
import { decideApproval } from "@/lib/db/approvals";
import { decideApprovalSchema } from "@/lib/validation/approval";

/**
 * Approves or denies a held call. Deciding approvals is the policy manager's job (SPEC §1), so a
 * viewer is refused here whatever the page showed. The approval is looked up inside the caller's
 * organisation only: another organisation's id answers "not found", like a missing one, and a
 * second decision on the same approval is a conflict. Success returns to the inbox with a server
 * redirect, so the form also works without JavaScript.
 */
export const decideApprovalAction = defineAction(
  { schema: decideApprovalSchema, role: "policy_manager", redirectOnSuccess: true },
  async ({ org, input, actor }) => {
    await decideApproval({ orgId: org.id, approvalId: input.approvalId, decision: input.decision, note: input.note, actor });
    return `/${org.slug}/approvals`;
  },
);
