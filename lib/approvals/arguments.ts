import "server-only";
/**
 * Who may read the arguments of a held call. Arguments can carry customer data (an email body, a
 * payment amount), so SPEC §4 shows them to the roles that can decide approvals: policy manager
 * and admin. Viewers, and API keys with the viewer role, see that a call is waiting but never its
 * values. The dashboard and /api/v1 both go through this function, so the rule lives in one place.
 */
import { hasRole, type Role } from "@/lib/auth/roles";
import { getApprovalArguments } from "@/lib/db/approvals";

export const APPROVAL_ARGUMENTS_MIN_ROLE: Role = "policy_manager";

export function canSeeApprovalArguments(role: Role): boolean {
  return hasRole(role, APPROVAL_ARGUMENTS_MIN_ROLE);
}

/** The decrypted arguments, or null when the role may not see them (or the approval is not in this organisation). */
export async function loadApprovalArguments({ orgId, approvalId, role }: { orgId: string; approvalId: string; role: Role }) {
  if (!canSeeApprovalArguments(role)) return null;
  return getApprovalArguments({ orgId, approvalId });
}
