import { simulatePolicyEndpoint } from "@/lib/api/endpoints/policies";
import { simulatePolicyCall } from "@/lib/api/simulate-call";
import { withApiKey } from "@/lib/api/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withApiKey(simulatePolicyEndpoint, async ({ orgId, params, body }) =>
  simulatePolicyCall({ orgId, policyId: params.id, grantId: body.grantId, tool: body.tool, args: body.arguments ?? {}, draft: body.document }),
);
