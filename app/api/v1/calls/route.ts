import { listCallsEndpoint } from "@/lib/api/endpoints/logs";
import { withApiKey } from "@/lib/api/with-api-key";
import { listCalls } from "@/lib/db/calls";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listCallsEndpoint, async ({ orgId, query }) => {
  const { cursor, limit, ...filters } = query;
  return listCalls({ orgId, filters, cursor, limit });
});
