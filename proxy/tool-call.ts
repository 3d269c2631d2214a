/**
 * The tools/call path (SPEC §2): decide → (hidden | deny | approval | reserve) → forward → settle.
 * Denials never reach the upstream; their row is committed before the answer. Allowed calls write
 * their row while the upstream works, and a failed upstream call gives its reservation back.
 * A call that needs approval is decided by the approval handler (proxy/approvals.ts) before its
 * limits are reserved; while it is held, a client that sent a progress token gets an event stream.
 */
import { returnConsumedApproval } from "@/lib/db/approvals";
import type { CallRowInput } from "@/lib/db/proxy-calls";
import { createDecision } from "@/lib/policy/decisions";
import type { Decision } from "@/lib/policy/types";
import { acceptsEventStream, holdWithProgress } from "./approval-stream";
import { buildRow, type ProxyInstance, type ToolCallFacts } from "./context";
import { DecisionUnavailableError, decideToolCall } from "./decide";
import { denialMessage, unavailableResult, unknownToolMessage } from "./decisions";
import { forwardMessage, settlementOf } from "./forward";
import { argumentKeysOf, INTERNAL_ERROR, type JsonRpcResponse, jsonRpcError } from "./jsonrpc";
import { CountersUnavailableError, releaseLimits, reserveLimitsAndRecord } from "./limits";
import type { LivePolicy } from "./lookups";
import { answerMessage } from "./respond";
import { upstreamHeadersFor } from "./upstream-headers";

const LOG_FAILURE = "Toolgate could not record this call in its audit log, so it was not forwarded. Retry later.";

type Hold = { signal?: AbortSignal; onHold?: (hold: { approvalId: string }) => void };

export async function handleToolCall(proxy: ProxyInstance, call: ToolCallFacts): Promise<Response> {
  let decided: { decision: Decision; policy: LivePolicy | null };
  try {
    decided = await decideToolCall({
      lookups: proxy.lookups,
      grant: call.grant,
      sessionId: call.sessionId,
      toolName: call.toolName,
      args: call.args,
      now: call.receivedAt,
    });
  } catch (error) {
    return failClosed(proxy, call, error);
  }
  const { decision, policy } = decided;
  // A held call whose client asked for progress gets an event stream at once, with progress
  // notifications until the decision, then the final answer (SPEC §4).
  if (decision.outcome === "require_approval" && proxy.approvals && call.progressToken !== undefined && acceptsEventStream(call.request)) {
    return holdWithProgress({
      request: call.request,
      requestId: call.requestId,
      progressToken: call.progressToken,
      intervalMs: proxy.settings.approvalProgressMs,
      run: (hold) => continueToolCall(proxy, call, decision, policy, hold),
    });
  }
  return continueToolCall(proxy, call, decision, policy, { signal: call.request.signal });
}

async function continueToolCall(proxy: ProxyInstance, call: ToolCallFacts, decided: Decision, policy: LivePolicy | null, hold: Hold): Promise<Response> {
  const { request, grant } = call;
  const rowFields = { method: "tools/call", tool: call.toolName, requestId: String(call.requestId), argumentKeys: argumentKeysOf(call.args) };
  let decision = decided;
  let reserved: Promise<bigint> | null = null;
  // An approval consumed for this call is given back if the call does not get forwarded after all.
  let consumedApprovalId: string | null = null;
  try {
    if (decision.outcome === "require_approval") {
      decision = await decideApproval(proxy, call, decision, policy, hold);
      if (decision.outcome === "allow" && decision.approvalId) consumedApprovalId = decision.approvalId;
    }
    if (decision.outcome === "allow" && decision.reservations.length > 0) {
      const message = decision.approvalId ? (decision.message ?? null) : null;
      const row = buildRow(call, { ...rowFields, ...policyFieldsOf(policy, decision), decision: "allowed", code: "allowed", message });
      const outcome = await reserveLimitsAndRecord({ decision, row, now: call.receivedAt });
      proxy.health.isHealthy = true;
      decision = outcome.decision;
      // The row (allowed or rate-limited) is already committed by the reservation's statement.
      reserved = Promise.resolve(outcome.rowId);
      if (decision.outcome !== "allow") {
        await giveApprovalBack(grant.orgId, consumedApprovalId);
        return answerMessage(request, denialMessage(call.requestId, decision, policy));
      }
    }
  } catch (error) {
    await giveApprovalBack(grant.orgId, consumedApprovalId);
    return failClosed(proxy, call, error);
  }
  const policyFields = policyFieldsOf(policy, decision);

  if (decision.outcome !== "allow") {
    const isHidden = decision.outcome === "hidden";
    const row = buildRow(call, {
      ...rowFields,
      ...policyFields,
      decision: isHidden ? "hidden" : decision.code === "approval_pending" ? "pending" : "denied",
      code: decision.code,
      message: decision.message ?? null,
    });
    const answer: JsonRpcResponse = isHidden ? unknownToolMessage(call.requestId, call.toolName) : denialMessage(call.requestId, decision, policy);
    return answerAfterRecord(proxy, request, row, answer);
  }

  const allowedRow = buildRow(call, {
    ...rowFields,
    ...policyFields,
    decision: "allowed",
    code: "allowed",
    message: decision.approvalId ? (decision.message ?? null) : null,
  });
  const durable = reserved ?? proxy.health.track(proxy.callLog.record(allowedRow));
  durable.catch(() => {});
  let headers: Record<string, string>;
  try {
    if (!proxy.health.isHealthy) await durable;
    headers = await upstreamHeadersFor(proxy, request, grant);
  } catch {
    await releaseLimits(decision.reservations);
    await giveApprovalBack(grant.orgId, consumedApprovalId);
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
      proxy.callLog.settle(grant.orgId, durable, settlementOf(outcome, "allowed", call.startedAt));
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
async function decideApproval(proxy: ProxyInstance, call: ToolCallFacts, decision: Decision, policy: LivePolicy | null, hold: Hold): Promise<Decision> {
  if (proxy.approvals) return proxy.approvals({ call, decision, policy, signal: hold.signal, onHold: hold.onHold });
  const message = `${decision.message ?? "This call needs approval."} Approvals are not available on this deployment yet, so the call was not run.`;
  return createDecision("deny", "approval_required", decision.rule, message);
}

async function giveApprovalBack(orgId: string, approvalId: string | null): Promise<void> {
  if (approvalId) await returnConsumedApproval({ orgId, approvalId }).catch(() => {});
}

async function failClosed(proxy: ProxyInstance, call: ToolCallFacts, error: unknown): Promise<Response> {
  // From now on rows are awaited before forwarding, until a write succeeds again.
  proxy.health.isHealthy = false;
  const reason = error instanceof DecisionUnavailableError || error instanceof CountersUnavailableError ? error.message : "an internal error occurred";
  const row = buildRow(call, {
    method: "tools/call",
    tool: call.toolName,
    requestId: String(call.requestId),
    argumentKeys: argumentKeysOf(call.args),
    decision: "error",
    code: "unavailable",
    message: reason,
  });
  await proxy.callLog.record(row).catch(() => {});
  return answerMessage(call.request, unavailableResult(call.requestId, reason));
}

function policyFieldsOf(policy: LivePolicy | null, decision: Decision) {
  return { policyId: policy?.id ?? null, policyVersion: policy?.version ?? null, rule: decision.rule };
}
