/**
 * What the agent receives when Toolgate decides instead of the upstream (SPEC §2): denials are
 * `isError` tool results whose text gives the policy, version, rule and reason, with
 * `_meta["toolgate/decision"]` for programs; a hidden tool gets exactly the error an upstream gives
 * for a tool that does not exist, so hiding cannot be detected.
 */
import { toDenialResult } from "@/lib/policy/denial";
import type { Decision } from "@/lib/policy/types";
import { INVALID_PARAMS, type JsonRpcId, type JsonRpcResponse, jsonRpcError, jsonRpcResult } from "./jsonrpc";
import type { LivePolicy } from "./lookups";

export function denialMessage(id: JsonRpcId, decision: Decision, policy: LivePolicy | null): JsonRpcResponse {
  const result = toDenialResult(decision, { policyName: policy?.name ?? null, policyVersion: policy?.version ?? null, policyId: policy?.id ?? null });
  if (decision.approvalId === undefined) return jsonRpcResult(id, result);
  // Approval outcomes name their approval, so a program can show or retry it; a call that is still
  // waiting is not "denied": its text says it is held and how to retry.
  const meta = { ...result._meta["toolgate/decision"], approvalId: decision.approvalId };
  const source = policy ? `policy ${JSON.stringify(policy.name)} v${policy.version}` : "";
  const text =
    decision.code === "approval_pending"
      ? `Held by Toolgate ${source} (approval_pending ${decision.rule}): ${decision.message ?? ""}`.replace("  ", " ")
      : (result.content[0]?.text ?? "");
  return jsonRpcResult(id, { ...result, content: [{ type: "text", text }], _meta: { "toolgate/decision": meta } });
}

export function unknownToolMessage(id: JsonRpcId, toolName: string): JsonRpcResponse {
  return jsonRpcError(id, INVALID_PARAMS, `Unknown tool: ${toolName}`);
}

/** An upstream failure on tools/call, as a tool result the model can read; nothing was counted. */
export function upstreamFailureResult(id: JsonRpcId, reason: string): JsonRpcResponse {
  return jsonRpcResult(id, {
    content: [{ type: "text", text: `Toolgate could not complete this call: ${reason} The call was not counted against your limits; you may retry.` }],
    isError: true,
    _meta: { "toolgate/decision": { code: "upstream_error" } },
  });
}

export function unavailableResult(id: JsonRpcId, reason: string): JsonRpcResponse {
  return jsonRpcResult(id, {
    content: [{ type: "text", text: `Toolgate refused this call because it cannot check it right now (${reason}). Nothing was forwarded; retry later.` }],
    isError: true,
    _meta: { "toolgate/decision": { code: "unavailable" } },
  });
}
