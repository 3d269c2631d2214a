/**
 * One approval. Unknown and foreign ids both answer 404. The arguments follow the dashboard's rule
 * (lib/approvals/arguments.ts): keys with the policy manager role or higher get them, viewer keys
 * get null.
 */
import { getApprovalEndpoint } from "@/lib/api/endpoints/approvals";
import { withApiKey } from "@/lib/api/with-api-key";
import { loadApprovalArguments } from "@/lib/approvals/arguments";
import { getApproval } from "@/lib/db/approvals";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = withApiKey(getApprovalEndpoint, async ({ orgId, params, key }) => {
  const approval = await getApproval({ orgId, approvalId: params.id });
  if (!approval) throw notFound("Approval");
  const args = await loadApprovalArguments({ orgId, approvalId: approval.id, role: key.role });
  return { ...approval, arguments: args };
});
