/**
 * The tools/call path (SPEC §2): decide → (hidden | deny | approval | reserve) → forward → settle.
 * Denials never reach the upstream; their row is committed before the answer. Allowed calls write
 * their row while the upstream works, and a failed upstream call gives its reservation back.
 */
import type { CallRowInput } from "@/lib/db/proxy-calls";
import { createDecision } from "@/lib/policy/decisions";
import type { Decision } from "@/lib/policy/types";
import { buildRow, type ProxyInstance, type ToolCallFacts } from "./context";
import { DecisionUnavailableError, decideToolCall } from "./decide";
import { denialMessage, unavailableResult, unknownToolMessage } from "./decisions";
import { forwardMessage } from "./forward";
import { argumentKeysOf, INTERNAL_ERROR, type JsonRpcResponse, jsonRpcError } from "./jsonrpc";
import { CountersUnavailableError, releaseLimits, reserveLimitsAndRecord } from "./limits";
import type { LivePolicy } from "./lookups";
import { answerMessage } from "./respond";
import { upstreamHeadersFor } from "./upstream-headers";

const LOG_FAILURE = "Toolgate could not record this call in its audit log, so it was not forwarded. Retry later.";

export async function handleToolCall(proxy: ProxyInstance, call: ToolCallFacts): Promise<Response> {
  const { request, grant } = call;
  const rowFields = { method: "tools/call", tool: call.toolName, requestId: String(call.requestId), argumentKeys: argumentKeysOf(call.args) };
  let decision: Decision;
  let policy: LivePolicy | null;
  let reserved: Promise<bigint> | null = null;
  try {
    ({ decision, policy } = await decideToolCall({
      lookups: proxy.lookups,
      grant,
      sessionId: call.sessionId,
      toolName: call.toolName,
      args: call.args,
      now: call.receivedAt,
    }));
    if (decision.outcome === "require_approval") decision = await decideApproval(proxy, call, decision, policy);
    if (decision.outcome === "allow" && decision.reservations.length > 0) {
      const row = buildRow(call, { ...rowFields, ...policyFieldsOf(policy, decision), decision: "allowed", code: "allowed" });
      const outcome = await reserveLimitsAndRecord({ decision, row, now: call.receivedAt });
      proxy.health.isHealthy = true;
      decision = outcome.decision;
      // The row (allowed or rate-limited) is already committed by the reservation's statement.
      reserved = Promise.resolve(outcome.rowId);
      if (decision.outcome !== "allow") return answerMessage(request, denialMessage(call.requestId, decision, policy));
    }
  } catch (error) {
    // From now on rows are awaited before forwarding, until a write succeeds again.
    proxy.health.isHealthy = false;
    const reason = error instanceof DecisionUnavailableError || error instanceof CountersUnavailableError ? error.message : "an internal error occurred";
    await proxy.callLog.record(buildRow(call, { ...rowFields, decision: "error", code: "unavailable", message: reason })).catch(() => {});
    return answerMessage(request, unavailableResult(call.requestId, reason));
  }
  const policyFields = policyFieldsOf(policy, decision);

  if (decision.outcome !== "allow") {
    const isHidden = decision.outcome === "hidden";
    const row = buildRow(call, {
      ...rowFields,
      ...policyFields,
      decision: isHidden ? "hidden" : "denied",
      code: decision.code,
      message: decision.message ?? null,
    });
    const answer: JsonRpcResponse = isHidden ? unknownToolMessage(call.requestId, call.toolName) : denialMessage(call.requestId, decision, policy);
    return answerAfterRecord(proxy, request, row, answer);
  }

  const durable = reserved ?? proxy.health.track(proxy.callLog.record(buildRow(call, { ...rowFields, ...policyFields, decision: "allowed", code: "allowed" })));
  durable.catch(() => {});
  let headers: Record<string, string>;
  try {
    if (!proxy.health.isHealthy) await durable;
    headers = await upstreamHeadersFor(proxy, request, grant);
  } catch {
    await releaseLimits(decision.reservations);
    return answerMessage(request, unavailableResult(call.requestId, "the audit log or the server's credentials could not be read"));
  }
  const reservations = decision.reservations;
  return forwardMessage({
    request,
    upstream: proxy.upstream,
    url: grant.upstreamUrl,
    headers,
    body: call.body,
    timeoutMs: proxy.settings.upstreamTimeoutMs,
    requestId: call.requestId,
    isToolCall: true,
    durable,
    detached: { calls: proxy.detachedCalls, grantId: grant.id, sessionId: call.sessionId },
    onSettled: (outcome) => {
      proxy.callLog.settle(grant.orgId, durable, {
        decision: outcome.transport || outcome.isClientClosed ? "error" : "allowed",
        code: outcome.isClientClosed ? "client_closed" : outcome.transport ? "upstream_error" : "allowed",
        message: outcome.failure,
        upstreamStatus: outcome.upstreamStatus,
        upstreamMs: outcome.upstreamMs,
        totalMs: Math.round(performance.now() - call.startedAt),
      });
      // Rolled back before the client sees the failure, so a retry finds the quota restored. An
      // unanswered call keeps it: the upstream may have run it (proxy/detached-calls.ts).
      return outcome.failure && !outcome.isUnanswered ? releaseLimits(reservations) : undefined;
    },
  });
}

async function answerAfterRecord(proxy: ProxyInstance, request: Request, row: CallRowInput, answer: JsonRpcResponse): Promise<Response> {
  try {
    await proxy.health.track(proxy.callLog.record(row));
  } catch {
    return answerMessage(request, jsonRpcError(answer.id, INTERNAL_ERROR, LOG_FAILURE), { status: 503 });
  }
  return answerMessage(request, answer);
}

/**
 * The approval flow (SPEC §4) is plugged in by whoever builds it; without one, a call that needs
 * approval is denied with a message saying so, never forwarded.
 */
async function decideApproval(proxy: ProxyInstance, call: ToolCallFacts, decision: Decision, policy: LivePolicy | null): Promise<Decision> {
  if (proxy.approvals) return proxy.approvals({ call, decision, policy });
  const message = `${decision.message ?? "This call needs approval."} Approvals are not available on this deployment yet, so the call was not run.`;
  return createDecision("deny", "approval_required", decision.rule, message);
}

function policyFieldsOf(policy: LivePolicy | null, decision: Decision) {
  return { policyId: policy?.id ?? null, policyVersion: policy?.version ?? null, rule: decision.rule };
}
