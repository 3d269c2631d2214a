import "server-only";
/**
 * "Test a call": runs the policy engine on a policy's current version with the catalogue's tool,
 * exactly as the proxy would, but without reading or reserving counters. A call that would be
 * allowed under its limits shows the reservations it would make; whether a counter is already full
 * depends on live traffic and is not simulated.
 */
import { getPolicy } from "@/lib/db/policies";
import { getTool } from "@/lib/db/tools";
import { AppError } from "@/lib/errors";
import { toDenialResult } from "@/lib/policy/denial";
import { evaluateToolCall } from "@/lib/policy/evaluate";
import type { DecisionCode, DecisionOutcome } from "@/lib/policy/types";
import { validatePolicy } from "@/lib/policy/validate";

export type SimulatedDecision = {
  outcome: DecisionOutcome;
  code: DecisionCode;
  rule: string;
  message: string | null;
  /** What the agent would read for a denial (the isError result's text). */
  agentText: string | null;
  /** The saved version tested, or null for a draft. */
  policyVersion: number | null;
  isToolInCatalogue: boolean;
  reservations: Array<{ rule: string; counter: string; scope: string; amount: number; max: number; windowEnd: string }>;
  approvalTimeoutMs: number | null;
};

export async function simulateCall({
  orgId,
  policyId,
  toolName,
  args,
  draft,
  now = new Date(),
}: {
  orgId: string;
  policyId: string;
  toolName: string;
  args: Record<string, unknown>;
  /** An already validated document to test instead of the saved version. */
  draft?: unknown;
  now?: Date;
}): Promise<SimulatedDecision> {
  const policy = await getPolicy({ orgId, policyId });
  const compiled = validatePolicy(draft ?? policy.document);
  if (!compiled.ok) throw new AppError("validation_failed", "The policy document does not validate.");
  const tool = await getTool({ orgId, serverId: policy.serverId, name: toolName }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  const catalogueTool = tool ? { name: tool.name, inputSchema: tool.inputSchema ?? undefined, description: tool.description ?? undefined } : null;
  const decision = evaluateToolCall({
    policy: compiled.policy,
    toolName,
    arguments: args,
    tool: catalogueTool,
    context: { orgId, serverId: policy.serverId, grantId: "simulator", sessionId: null },
    now,
  });
  const isDenied = decision.outcome === "deny" || decision.outcome === "hidden";
  return {
    outcome: decision.outcome,
    code: decision.code,
    rule: decision.rule,
    message: decision.message ?? null,
    agentText: isDenied
      ? (toDenialResult(decision, { policyName: policy.name, policyVersion: draft === undefined ? policy.version : null }).content[0].text ?? null)
      : null,
    policyVersion: draft === undefined ? policy.version : null,
    isToolInCatalogue: tool !== null,
    reservations: decision.reservations.map((r) => ({
      rule: r.rule,
      counter: r.counter,
      scope: r.scope,
      amount: r.amount,
      max: r.max,
      windowEnd: r.windowEnd.toISOString(),
    })),
    approvalTimeoutMs: decision.approvalTimeoutMs ?? null,
  };
}
