import "server-only";
/**
 * The data of the approvals inbox page, in one function so that a test can check exactly what a
 * given role receives: viewers get the list without arguments and cannot decide.
 */
import { hasRole, type Role } from "@/lib/auth/roles";
import { type ApprovalDto, listApprovals } from "@/lib/db/approvals";
import { canSeeApprovalArguments, loadApprovalArguments } from "./arguments";

export const PENDING_PAGE_SIZE = 50;
export const HISTORY_PAGE_SIZE = 25;

export type PendingApproval = ApprovalDto & { arguments: Record<string, unknown> | null };

export type ApprovalInbox = {
  canDecide: boolean;
  canSeeArguments: boolean;
  pending: PendingApproval[];
  /** More pending approvals than one page shows. */
  hasMorePending: boolean;
  history: { items: ApprovalDto[]; nextCursor: string | null } | null;
};

export async function loadApprovalInbox({
  orgId,
  role,
  view,
  cursor,
  now = new Date(),
}: {
  orgId: string;
  role: Role;
  view: "pending" | "history";
  cursor?: string;
  now?: Date;
}): Promise<ApprovalInbox> {
  const canSeeArguments = canSeeApprovalArguments(role);
  const [pendingPage, history] = await Promise.all([
    listApprovals({ orgId, status: "pending", limit: PENDING_PAGE_SIZE }),
    view === "history" ? loadHistory({ orgId, cursor }) : Promise.resolve(null),
  ]);
  // A pending row past its expiry can no longer be approved, whether or not a sweep has marked it yet.
  const live = pendingPage.items.filter((approval) => approval.expiresAt > now);
  const pending = await Promise.all(
    live.map(async (approval) => ({
      ...approval,
      arguments: canSeeArguments ? await loadApprovalArguments({ orgId, approvalId: approval.id, role }).catch(unreadable(approval.id)) : null,
    })),
  );
  return { canDecide: hasRole(role, "policy_manager"), canSeeArguments, pending, hasMorePending: pendingPage.nextCursor !== null, history };
}

/** One unreadable ciphertext (a retired key, say) must not take the whole inbox down; the card says so. */
function unreadable(approvalId: string) {
  return (error: unknown) => {
    console.error(`[approvals] could not read the arguments of ${approvalId}`, error);
    return null;
  };
}

/**
 * Decided, expired and consumed approvals, newest first: everything that is no longer waiting. The
 * data layer filters by one status only, so the still-waiting rows are dropped from each page here
 * (a pending row past its expiry already reads as expired); a page can then be shorter than the
 * page size, and its cursor still continues where it ended.
 */
async function loadHistory({ orgId, cursor }: { orgId: string; cursor?: string }) {
  const page = await listApprovals({ orgId, cursor, limit: HISTORY_PAGE_SIZE });
  return { items: page.items.filter((approval) => approval.status !== "pending"), nextCursor: page.nextCursor };
}
