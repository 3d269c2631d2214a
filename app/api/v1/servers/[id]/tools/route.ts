import { listToolsEndpoint } from "@/lib/api/endpoints/servers";
import { paginateArray } from "@/lib/api/paginate";
import { withApiKey } from "@/lib/api/with-api-key";
import { getServer } from "@/lib/db/servers";
import { listTools } from "@/lib/db/tools";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listToolsEndpoint, async ({ orgId, params, query }) => {
  await getServer({ orgId, serverId: params.id });
  const tools = await listTools({ orgId, serverId: params.id, includeRemoved: query.includeRemoved === "true" });
  return paginateArray({ items: tools, keyOf: (tool) => tool.id, cursor: query.cursor, limit: query.limit });
});
