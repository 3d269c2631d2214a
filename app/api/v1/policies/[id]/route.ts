import { deletePolicyEndpoint, getPolicyEndpoint, updatePolicyEndpoint } from "@/lib/api/endpoints/policies";
import { withApiKey } from "@/lib/api/with-api-key";
import { deletePolicy, getPolicy, savePolicyVersion } from "@/lib/db/policies";

export const dynamic = "force-dynamic";

export const GET = withApiKey(getPolicyEndpoint, async ({ orgId, params }) => getPolicy({ orgId, policyId: params.id }));

export const PUT = withApiKey(updatePolicyEndpoint, async ({ orgId, params, body, actor }) =>
  savePolicyVersion({ orgId, policyId: params.id, document: body.document, name: body.name, actor }),
);

export const DELETE = withApiKey(deletePolicyEndpoint, async ({ orgId, params, actor }) => {
  await deletePolicy({ orgId, policyId: params.id, actor });
});
