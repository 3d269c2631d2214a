/**
 * Stages "forward" and "settle" for one POSTed message: sends it upstream, streams the answer back
 * through the relay (held until the call row is durable), and reports the outcome once: upstream
 * status, latency, and whether the call failed (unreachable, timeout, 5xx, JSON-RPC error,
 * `isError`), which is what rolls back a reservation. When the upstream moves the answer to a
 * resumed GET stream, the outcome is reported when the answer passes there (proxy/detached-calls.ts).
 */
import type { Settlement as CallLogSettlement } from "./call-log";
import { upstreamFailureResult } from "./decisions";
import type { DetachedCalls } from "./detached-calls";
import { INTERNAL_ERROR, type JsonRpcId, type JsonRpcResponse, jsonRpcError } from "./jsonrpc";
import { createJsonRelay, createSseRelay } from "./relay";
import { answerMessage } from "./respond";
import { type UpstreamClient, UpstreamError, type UpstreamResponse } from "./upstream";

/**
 * `transport`: the upstream could not answer (unreachable, timeout, 5xx, broken stream), as opposed to a tool error.
 * `isUnanswered`: the answer moved to a resumed stream and was never seen (proxy/detached-calls.ts), so the
 * outcome is unknown; `failure` then says why and `upstreamMs` is null.
 * `isClientClosed`: the client went away before the answer (the upstream request was closed too).
 */
export type ForwardOutcome = {
  upstreamStatus: number | null;
  upstreamMs: number | null;
  failure: string | null;
  transport: boolean;
  isUnanswered: boolean;
  isClientClosed: boolean;
};

/**
 * The call row's second phase for an outcome: the one place that says which outcomes are errors and
 * which code they carry. `success` is what a call that went through is logged as.
 */
export function settlementOf(outcome: ForwardOutcome, success: "allowed" | "forwarded", startedAt: number): CallLogSettlement {
  const isError = outcome.transport || outcome.isClientClosed;
  return {
    decision: isError ? "error" : success,
    code: outcome.isClientClosed ? "client_closed" : outcome.transport ? "upstream_error" : success,
    message: outcome.failure,
    upstreamStatus: outcome.upstreamStatus,
    upstreamMs: outcome.upstreamMs,
    totalMs: Math.round(performance.now() - startedAt),
  };
}

type Settlement = { upstreamStatus: number | null; failure: string | null; transport?: boolean; isUnanswered?: boolean; isClientClosed?: boolean };

const CLIENT_CLOSED = "The client closed the request.";

export type ForwardOptions = {
  request: Request;
  upstream: UpstreamClient;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
  requestId: JsonRpcId | null;
  isToolCall: boolean;
  durable: Promise<unknown>;
  rewrite?: (response: JsonRpcResponse) => JsonRpcResponse | undefined;
  /** Runs after the upstream answered headers and before the client sees them (session binding). */
  beforeRelease?: (response: UpstreamResponse) => Promise<Response | null>;
  /** May return work (a quota rollback) that must finish before the client sees the answer. */
  onSettled: (outcome: ForwardOutcome) => Promise<void> | undefined;
  /** Where the call waits when its answer moves to a resumed GET stream of its session. */
  detached: { calls: DetachedCalls; grantId: string; sessionId: string | null };
};

const LOG_FAILURE = "Toolgate could not record this call in its audit log, so its answer is withheld. The upstream may have run it.";

export async function forwardMessage(options: ForwardOptions): Promise<Response> {
  const startedAt = performance.now();
  let settled = false;
  const settle = ({ upstreamStatus, failure, transport = failure !== null, isUnanswered = false, isClientClosed = false }: Settlement) => {
    if (settled) return undefined;
    settled = true;
    const upstreamMs = isUnanswered ? null : Math.round(performance.now() - startedAt);
    return options.onSettled({ upstreamStatus, upstreamMs, failure, transport, isUnanswered, isClientClosed });
  };
  const failureMessage = (reason: string): JsonRpcResponse =>
    options.isToolCall && options.requestId !== null
      ? upstreamFailureResult(options.requestId, reason)
      : jsonRpcError(options.requestId, INTERNAL_ERROR, `Toolgate could not complete the request: ${reason}`);

  let upstream: UpstreamResponse;
  try {
    upstream = await options.upstream.send({
      url: options.url,
      method: "POST",
      headers: options.headers,
      body: options.body,
      signal: options.request.signal,
      signalOwner: options.request,
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    const reason = error instanceof UpstreamError ? error.message : "The upstream request failed.";
    await settle({ upstreamStatus: null, failure: reason, isClientClosed: error instanceof UpstreamError && error.reason === "aborted" });
    if (!(await isDurable(options.durable)))
      return answerMessage(options.request, jsonRpcError(options.requestId, INTERNAL_ERROR, LOG_FAILURE), { status: 503 });
    if (options.requestId === null) return answerMessage(options.request, jsonRpcError(null, INTERNAL_ERROR, reason), { status: 502 });
    return answerMessage(options.request, failureMessage(reason));
  }

  const early = options.beforeRelease ? await options.beforeRelease(upstream) : null;
  if (early) {
    await upstream.body.cancel().catch(() => {});
    await settle({ upstreamStatus: upstream.status, failure: "refused by the proxy" });
    return early;
  }

  const contentType = upstream.headers.get("content-type") ?? "";
  const isStream = contentType.includes("text/event-stream");
  const isJson = contentType.includes("application/json");
  if (upstream.status >= 300 || options.requestId === null || (!isStream && !isJson)) {
    // Notifications, client responses (202) and HTTP errors: small or empty bodies, passed as they are.
    const failure = upstream.status >= 300 ? `The upstream answered HTTP ${upstream.status}.` : null;
    await settle({ upstreamStatus: upstream.status, failure, transport: upstream.status >= 500 });
    if (!(await isDurable(options.durable))) {
      await upstream.body.cancel().catch(() => {});
      return answerMessage(options.request, jsonRpcError(options.requestId, INTERNAL_ERROR, LOG_FAILURE), { status: 503 });
    }
    const emptyBody = upstream.status === 202 || upstream.status === 204;
    if (emptyBody) await upstream.body.cancel().catch(() => {});
    return new Response(emptyBody ? null : upstream.body, { status: upstream.status, headers: upstream.headers });
  }

  const relayOptions = {
    requestId: options.requestId,
    durable: options.durable,
    state: upstream.state,
    rewrite: options.rewrite,
    onResponse: (response: JsonRpcResponse | null, failure: string | null) => {
      // A client abort also breaks the upstream stream (upstream.ts destroys it): name the cause.
      if (failure && options.request.signal.aborted) return settle({ upstreamStatus: upstream.status, failure: CLIENT_CLOSED, isClientClosed: true });
      if (failure) return settle({ upstreamStatus: upstream.status, failure, transport: true });
      return settle({ upstreamStatus: upstream.status, failure: describeFailure(response), transport: false });
    },
    onClientClosed: () => settle({ upstreamStatus: upstream.status, failure: CLIENT_CLOSED, isClientClosed: true }),
    // Settled when the answer passes on a resumed GET stream (latency then includes the client's reconnection).
    onDetached: () =>
      options.detached.calls.register({
        grantId: options.detached.grantId,
        sessionId: options.detached.sessionId,
        requestId: options.requestId as JsonRpcId,
        rewrite: options.rewrite,
        settle: (response, unanswered) =>
          response
            ? settle({ upstreamStatus: upstream.status, failure: describeFailure(response), transport: false })
            : settle({ upstreamStatus: upstream.status, failure: unanswered, transport: false, isUnanswered: true }),
      }),
    onMissing: failureMessage,
    onDurableFailure: () => jsonRpcError(options.requestId, INTERNAL_ERROR, LOG_FAILURE),
  };
  const relay = isStream ? createSseRelay(relayOptions) : createJsonRelay(relayOptions);
  return new Response(upstream.bodyThrough(relay), { status: upstream.status, headers: upstream.headers });
}

async function isDurable(durable: Promise<unknown>): Promise<boolean> {
  try {
    await durable;
    return true;
  } catch {
    return false;
  }
}

function describeFailure(response: JsonRpcResponse | null): string | null {
  if (!response) return "no response";
  if (response.error) return `JSON-RPC error ${response.error.code}`;
  const result = response.result as { isError?: unknown } | undefined;
  return result?.isError === true ? "the tool reported an error (isError)" : null;
}
