import "server-only";
/**
 * Dry run of a draft policy against the last days of real traffic. The call log keeps tool names
 * but never argument values (SPEC §5), so a call cannot be replayed exactly: each tool gets the
 * verdict the draft gives it regardless of arguments, and tools whose outcome depends on their
 * arguments or on counters say so instead of guessing.
 */
import { countToolCallsByDecision } from "@/lib/db/calls";
import { getPolicy } from "@/lib/db/policies";
import { AppError } from "@/lib/errors";
import { isToolHidden } from "@/lib/policy/list-filter";
import type { Policy } from "@/lib/policy/types";
import { validatePolicy } from "@/lib/policy/validate";

export type ToolVerdict = "allow" | "deny" | "hidden" | "approval" | "depends_on_arguments" | "limited";

export type DryRunRow = {
  tool: string;
  calls: number;
  previouslyAllowed: number;
  previouslyDenied: number;
  /** Denials that did not depend on the call (tool denied, default deny, hidden, no policy). */
  previouslyBlocked: number;
  verdict: ToolVerdict;
  isChange: boolean;
};

/** Codes whose denial came from the tool itself; argument and rate-limit denials could recur under any document. */
const TOOL_LEVEL_CODES = new Set(["tool_denied", "default_deny", "hidden", "no_policy"]);

/** What the policy does with any call of this tool, when that does not depend on the call. */
export function verdictForTool(policy: Policy, toolName: string): ToolVerdict {
  if (isToolHidden(policy, toolName)) return "hidden";
  const tool = policy.tools.get(toolName);
  if (!tool) return policy.isDefaultAllow ? (policy.allToolsLimits.length > 0 ? "limited" : "allow") : "deny";
  if (tool.action === "deny") return "deny";
  if (tool.require.length > 0 || tool.denyIf.length > 0) return "depends_on_arguments";
  if (tool.action === "require_approval") return "approval";
  return tool.limits.length > 0 || policy.allToolsLimits.length > 0 ? "limited" : "allow";
}

export async function dryRunPolicy({
  orgId,
  policyId,
  draft,
  days = 7,
  now = new Date(),
}: {
  orgId: string;
  policyId: string;
  draft?: unknown;
  days?: number;
  now?: Date;
}): Promise<{ days: number; rows: DryRunRow[] }> {
  const policy = await getPolicy({ orgId, policyId });
  const compiled = validatePolicy(draft ?? policy.document);
  if (!compiled.ok) throw new AppError("validation_failed", "The policy document does not validate.");
  const from = new Date(now.getTime() - days * 86_400_000);
  const counts = await countToolCallsByDecision({ orgId, serverId: policy.serverId, from });
  const byTool = new Map<string, DryRunRow>();
  for (const { tool, decision, code, count } of counts) {
    const verdict = verdictForTool(compiled.policy, tool);
    const row = byTool.get(tool) ?? { tool, calls: 0, previouslyAllowed: 0, previouslyDenied: 0, previouslyBlocked: 0, verdict, isChange: false };
    row.calls += count;
    if (decision === "allowed") row.previouslyAllowed += count;
    if (decision === "denied" || decision === "hidden") row.previouslyDenied += count;
    if ((decision === "denied" || decision === "hidden") && TOOL_LEVEL_CODES.has(code)) row.previouslyBlocked += count;
    byTool.set(tool, row);
  }
  const rows = [...byTool.values()].map((row) => {
    const isBlocked = row.verdict === "deny" || row.verdict === "hidden";
    const isOpen = row.verdict === "allow" || row.verdict === "limited" || row.verdict === "approval";
    return { ...row, isChange: (isBlocked && row.previouslyAllowed > 0) || (isOpen && row.previouslyBlocked > 0) };
  });
  return { days, rows: rows.sort((a, b) => Number(b.isChange) - Number(a.isChange) || b.calls - a.calls) };
}
