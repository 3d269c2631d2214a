import { deleteServerEndpoint, getServerEndpoint, updateServerEndpoint } from "@/lib/api/endpoints/servers";
import { toServerResponse } from "@/lib/api/server-response";
import { withApiKey } from "@/lib/api/with-api-key";
import { deleteServer, getServer, setServerCredentials, updateServer } from "@/lib/db/servers";
import { assertPublicUpstream } from "@/lib/net/ssrf";

export const dynamic = "force-dynamic";

export const GET = withApiKey(getServerEndpoint, async ({ orgId, params, request }) =>
  toServerResponse(await getServer({ orgId, serverId: params.id }), request),
);

export const PATCH = withApiKey(updateServerEndpoint, async ({ orgId, params, body, actor, request }) => {
  const { headers, ...data } = body;
  if (data.url) await assertPublicUpstream(data.url);
  let server = await getServer({ orgId, serverId: params.id });
  if (data.name !== undefined || data.url !== undefined) server = await updateServer({ orgId, serverId: params.id, data, actor });
  if (headers) server = await setServerCredentials({ orgId, serverId: params.id, headers, actor });
  return toServerResponse(server, request);
});

export const DELETE = withApiKey(deleteServerEndpoint, async ({ orgId, params, actor }) => {
  await deleteServer({ orgId, serverId: params.id, actor });
});
