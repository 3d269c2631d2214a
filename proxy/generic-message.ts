/**
 * Every POSTed message that is not tools/call: requests (initialize, tools/list, resources/*,
 * prompts/*, ping, server/discover …), notifications (progress, cancellation) and the client's
 * answers to server requests (sampling, elicitation, roots). All are forwarded and logged by method.
 * Two need more than relaying: tools/list drops hidden tools from every page, and initialize binds
 * the new upstream session to the grant before the client learns its id.
 */
import { filterToolsList } from "@/lib/policy/list-filter";
import { buildRow, type ProxyInstance, type RequestFacts } from "./context";
import { forwardMessage, settlementOf } from "./forward";
import { INTERNAL_ERROR, type JsonRpcId, type JsonRpcResponse } from "./jsonrpc";
import type { LivePolicy } from "./lookups";
import { plainJsonRpcError, unavailableResponse } from "./respond";
import { recordNewSession } from "./sessions";
import type { UpstreamResponse } from "./upstream";
import { upstreamHeadersFor } from "./upstream-headers";

export async function handleGenericMessage(
  proxy: ProxyInstance,
  facts: RequestFacts,
  message: { method: string; requestId: JsonRpcId | null; isStateless: boolean },
): Promise<Response> {
  const { request, grant } = facts;
  let policy: LivePolicy | null = null;
  let headers: Record<string, string>;
  const row = buildRow(facts, {
    method: message.method,
    requestId: message.requestId === null ? null : String(message.requestId),
    decision: "forwarded",
    code: "forwarded",
  });
  const durable = proxy.health.track(proxy.callLog.record(row));
  durable.catch(() => {});
  try {
    if (message.method === "tools/list" && grant.policyId) policy = await proxy.lookups.findPolicy(grant.orgId, grant.policyId);
    headers = await upstreamHeadersFor(proxy, request, grant);
    if (!proxy.health.isHealthy) await durable;
  } catch {
    return unavailableResponse(message.requestId, "Toolgate cannot read its database, so the request was not forwarded. Retry later.");
  }
  return forwardMessage({
    request,
    upstream: proxy.upstream,
    url: grant.upstreamUrl,
    headers,
    body: facts.body,
    timeoutMs: proxy.settings.upstreamTimeoutMs,
    requestId: message.requestId,
    isToolCall: false,
    durable,
    detached: { calls: proxy.detachedCalls, grantId: grant.id, sessionId: facts.sessionId },
    rewrite: policy && (policy.policy.hidesAll || policy.policy.hidden.size > 0) ? (response) => hideTools(response, policy) : undefined,
    beforeRelease: message.method === "initialize" && !message.isStateless ? (upstream) => bindInitializedSession(proxy, facts, upstream) : undefined,
    onSettled: (outcome) => {
      proxy.callLog.settle(grant.orgId, durable, settlementOf(outcome, "forwarded", facts.startedAt));
      return undefined;
    },
  });
}

function hideTools(response: JsonRpcResponse, policy: LivePolicy | null): JsonRpcResponse | undefined {
  const result = response.result as { tools?: unknown } | undefined;
  if (!result || !Array.isArray(result.tools)) return undefined;
  const filtered = filterToolsList(result as { tools: Array<{ name: string }> }, policy?.policy ?? null);
  return filtered === result ? undefined : { ...response, result: filtered };
}

async function bindInitializedSession(proxy: ProxyInstance, facts: RequestFacts, upstream: UpstreamResponse): Promise<Response | null> {
  const sessionId = upstream.headers.get("mcp-session-id");
  if (!sessionId) return null;
  try {
    const isOwn = await recordNewSession({ lookups: proxy.lookups, grant: facts.grant, sessionId });
    return isOwn ? null : plainJsonRpcError(409, null, INTERNAL_ERROR, "The upstream reused a session id that belongs to another grant.");
  } catch {
    return unavailableResponse(null, "Toolgate could not record the new session, so it was not opened. Retry later.");
  }
}
