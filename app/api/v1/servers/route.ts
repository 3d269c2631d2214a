import { createServerEndpoint, listServersEndpoint } from "@/lib/api/endpoints/servers";
import { paginateArray } from "@/lib/api/paginate";
import { toServerResponse } from "@/lib/api/server-response";
import { withApiKey } from "@/lib/api/with-api-key";
import { createServer, listServers } from "@/lib/db/servers";
import { assertPublicUpstream } from "@/lib/net/ssrf";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listServersEndpoint, async ({ orgId, query, request }) => {
  const page = paginateArray({ items: await listServers({ orgId }), keyOf: (server) => server.id, ...query });
  return { ...page, items: page.items.map((server) => toServerResponse(server, request)) };
});

export const POST = withApiKey(createServerEndpoint, async ({ orgId, body, actor, request }) => {
  await assertPublicUpstream(body.url);
  return toServerResponse(await createServer({ orgId, data: body, actor }), request);
});
