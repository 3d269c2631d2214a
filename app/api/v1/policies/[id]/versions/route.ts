import { listPolicyVersionsEndpoint } from "@/lib/api/endpoints/policies";
import { paginateArray } from "@/lib/api/paginate";
import { withApiKey } from "@/lib/api/with-api-key";
import { listPolicyVersions } from "@/lib/db/policies";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listPolicyVersionsEndpoint, async ({ orgId, params, query }) =>
  paginateArray({ items: await listPolicyVersions({ orgId, policyId: params.id }), keyOf: (version) => String(version.version), ...query }),
);
