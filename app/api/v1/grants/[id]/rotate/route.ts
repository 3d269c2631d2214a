import { rotateGrantEndpoint } from "@/lib/api/endpoints/grants";
import { withApiKey } from "@/lib/api/with-api-key";
import { rotateGrant } from "@/lib/db/grants";

export const dynamic = "force-dynamic";

export const POST = withApiKey(rotateGrantEndpoint, async ({ orgId, params, actor }) => {
  const { grant, token } = await rotateGrant({ orgId, grantId: params.id, actor });
  return { ...grant, token };
});
