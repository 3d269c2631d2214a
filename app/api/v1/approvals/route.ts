import { listApprovalsEndpoint } from "@/lib/api/endpoints/approvals";
import { withApiKey } from "@/lib/api/with-api-key";
import { listApprovals } from "@/lib/db/approvals";

export const dynamic = "force-dynamic";

// The list never carries arguments, whatever the key's role: they are read one approval at a time.
export const GET = withApiKey(listApprovalsEndpoint, async ({ orgId, query }) =>
  listApprovals({ orgId, status: query.status, cursor: query.cursor, limit: query.limit }),
);
