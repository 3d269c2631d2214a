import { refreshToolsEndpoint } from "@/lib/api/endpoints/servers";
import { withApiKey } from "@/lib/api/with-api-key";
import { refreshServerTools } from "@/lib/servers/refresh-tools";

export const dynamic = "force-dynamic";

export const POST = withApiKey(refreshToolsEndpoint, async ({ orgId, params, actor }) => refreshServerTools({ orgId, serverId: params.id, actor }));
