import { revokeGrantEndpoint, updateGrantEndpoint } from "@/lib/api/endpoints/grants";
import { withApiKey } from "@/lib/api/with-api-key";
import { revokeGrant, updateGrant } from "@/lib/db/grants";

export const dynamic = "force-dynamic";

export const PATCH = withApiKey(updateGrantEndpoint, async ({ orgId, params, body, actor }) => updateGrant({ orgId, grantId: params.id, data: body, actor }));

export const DELETE = withApiKey(revokeGrantEndpoint, async ({ orgId, params, actor }) => revokeGrant({ orgId, grantId: params.id, actor }));
