import { denyApprovalEndpoint } from "@/lib/api/endpoints/approvals";
import { withApiKey } from "@/lib/api/with-api-key";
import { decideApproval } from "@/lib/db/approvals";

export const dynamic = "force-dynamic";

// Foreign and unknown ids answer 404; an approval that is no longer pending answers 409.
export const POST = withApiKey(denyApprovalEndpoint, async ({ orgId, params, body, actor }) =>
  decideApproval({ orgId, approvalId: params.id, decision: "deny", note: body.note, actor }),
);
