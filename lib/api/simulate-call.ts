import "server-only";
/**
 * The API's policy simulator: the dashboard's simulateCall (same evaluator as the proxy, counters
 * neither read nor reserved), plus the API's optional `grantId`, which must name a grant of the
 * policy's server in the key's organisation.
 */
import { getGrant } from "@/lib/db/grants";
import { getPolicy } from "@/lib/db/policies";
import { AppError } from "@/lib/errors";
import { simulateCall } from "@/lib/servers/simulate-call";

export async function simulatePolicyCall({
  orgId,
  policyId,
  grantId,
  tool,
  args,
  draft,
}: {
  orgId: string;
  policyId: string;
  grantId?: string;
  tool: string;
  args: Record<string, unknown>;
  draft?: unknown;
}) {
  if (grantId) {
    const [policy, grant] = await Promise.all([getPolicy({ orgId, policyId }), getGrant({ orgId, grantId }).catch(() => null)]);
    if (!grant || grant.serverId !== policy.serverId) {
      throw new AppError("validation_failed", "Choose a grant of this policy's server.", {
        fieldErrors: { grantId: ["Choose a grant of this policy's server."] },
      });
    }
  }
  return simulateCall({ orgId, policyId, toolName: tool, args, draft });
}
