import { listAdminEventsEndpoint } from "@/lib/api/endpoints/logs";
import { withApiKey } from "@/lib/api/with-api-key";
import { listAdminEvents } from "@/lib/db/admin-events";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listAdminEventsEndpoint, async ({ orgId, query }) =>
  listAdminEvents({
    orgId,
    action: query.action,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    cursor: query.cursor,
    limit: query.limit,
  }),
);
