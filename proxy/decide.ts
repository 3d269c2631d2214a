/**
 * Stage "decide": loads the grant's live policy and the server's tool schemas (cached) and runs the
 * pure evaluator (lib/policy/evaluate.ts, SPEC §2 order). Anything unreadable throws
 * DecisionUnavailableError: the caller fails closed and forwards nothing.
 */
import type { ProxyGrant } from "@/lib/db/proxy-store";
import { evaluateToolCall } from "@/lib/policy/evaluate";
import type { Decision } from "@/lib/policy/types";
import { type LivePolicy, type Lookups, PolicyUnreadableError } from "./lookups";

export class DecisionUnavailableError extends Error {}

export type ToolCallDecision = { decision: Decision; policy: LivePolicy | null };

export async function decideToolCall({
  lookups,
  grant,
  sessionId,
  toolName,
  args,
  now,
}: {
  lookups: Lookups;
  grant: ProxyGrant;
  sessionId: string | null;
  toolName: string;
  args: Record<string, unknown> | undefined;
  now: Date;
}): Promise<ToolCallDecision> {
  let policy: LivePolicy | null = null;
  let catalogue: Awaited<ReturnType<Lookups["findCatalogue"]>> | null = null;
  try {
    if (grant.policyId) {
      [policy, catalogue] = await Promise.all([lookups.findPolicy(grant.orgId, grant.policyId), lookups.findCatalogue(grant.orgId, grant.serverId)]);
    }
  } catch (error) {
    throw new DecisionUnavailableError(error instanceof PolicyUnreadableError ? error.message : "the policy could not be read");
  }
  const decision = evaluateToolCall({
    policy: policy?.policy ?? null,
    toolName,
    arguments: args,
    tool: catalogue?.get(toolName) ?? null,
    context: { orgId: grant.orgId, serverId: grant.serverId, grantId: grant.id, sessionId },
    now,
  });
  return { decision, policy };
}
