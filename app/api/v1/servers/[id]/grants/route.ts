import { listGrantsEndpoint, mintGrantEndpoint } from "@/lib/api/endpoints/grants";
import { paginateArray } from "@/lib/api/paginate";
import { withApiKey } from "@/lib/api/with-api-key";
import { listGrants, mintGrant } from "@/lib/db/grants";
import { getServer } from "@/lib/db/servers";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listGrantsEndpoint, async ({ orgId, params, query }) => {
  await getServer({ orgId, serverId: params.id });
  return paginateArray({ items: await listGrants({ orgId, serverId: params.id }), keyOf: (grant) => grant.id, ...query });
});

export const POST = withApiKey(mintGrantEndpoint, async ({ orgId, params, body, actor }) => {
  const { grant, token } = await mintGrant({ orgId, serverId: params.id, label: body.label, policyId: body.policyId, expiresAt: body.expiresAt, actor });
  return { ...grant, token };
});
