import { createPolicyEndpoint, listPoliciesEndpoint } from "@/lib/api/endpoints/policies";
import { paginateArray } from "@/lib/api/paginate";
import { withApiKey } from "@/lib/api/with-api-key";
import { createPolicy, listPolicies } from "@/lib/db/policies";
import { getServer } from "@/lib/db/servers";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listPoliciesEndpoint, async ({ orgId, params, query }) => {
  await getServer({ orgId, serverId: params.id });
  const policies = (await listPolicies({ orgId, serverId: params.id })).filter((policy) => query.name === undefined || policy.name === query.name);
  return paginateArray({ items: policies, keyOf: (policy) => policy.id, cursor: query.cursor, limit: query.limit });
});

export const POST = withApiKey(createPolicyEndpoint, async ({ orgId, params, body, actor }) =>
  createPolicy({ orgId, serverId: params.id, name: body.name, document: body.document, actor }),
);
