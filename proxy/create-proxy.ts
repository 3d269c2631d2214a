/**
 * Builds one proxy instance: its caches, call-log writer, upstream client and change
 * subscription, and the three route handlers that run the pipeline (authenticate → bind to server
 * and session → parse → decide → reserve → forward → settle → record). Each stage is its own module;
 * this file only sequences them.
 */
import { getEnv } from "@/lib/env";
import { createApprovalWebhookSender } from "./approval-webhook";
import { createApprovalHandler } from "./approvals";
import { createCallLog } from "./call-log";
import { subscribeToChanges } from "./change-feed";
import { type ApprovalHandler, buildRow, DatabaseHealth, type ProxyInstance, type ProxySettings, type RequestFacts } from "./context";
import { createDetachedCalls } from "./detached-calls";
import { handleGenericMessage } from "./generic-message";
import { INVALID_PARAMS, jsonRpcError } from "./jsonrpc";
import { createLastUsedTracker } from "./last-used";
import { createLiveStreams } from "./live-streams";
import { createLookups } from "./lookups";
import { type RouteContext, readRequestFacts } from "./request-facts";
import { answerMessage, plainJsonRpcError } from "./respond";
import { createSecurityEventRecorder } from "./security-events";
import { handleStreamRequest } from "./stream-requests";
import { handleToolCall } from "./tool-call";
import { createUpstreamClient } from "./upstream";

export type CreateProxyOptions = Partial<ProxySettings> & {
  cacheTtlMs?: number;
  listen?: boolean;
  /** The approval flow; by default proxy/approvals.ts. `false` denies every call that needs approval. */
  approvals?: ApprovalHandler | false;
  /** How long a call that needs approval is held (default TOOLGATE_APPROVAL_HOLD_MS). */
  approvalHoldMs?: number;
  /** While held: how often the approval is re-read when no change notice arrives. */
  approvalPollMs?: number;
};

export function createProxy(options: CreateProxyOptions = {}) {
  const env = getEnv();
  const settings: ProxySettings = {
    maxBodyBytes: options.maxBodyBytes ?? env.TOOLGATE_MAX_BODY_BYTES,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? env.TOOLGATE_UPSTREAM_TIMEOUT_MS,
    allowPrivateUpstreams: options.allowPrivateUpstreams ?? env.TOOLGATE_ALLOW_PRIVATE_UPSTREAMS,
    approvalProgressMs: options.approvalProgressMs ?? 3_000,
  };
  const lookups = createLookups({ ttlMs: options.cacheTtlMs ?? env.TOOLGATE_CACHE_TTL_MS });
  const defaultApprovals =
    options.approvals === undefined
      ? createApprovalHandler({
          lookups,
          holdMs: options.approvalHoldMs ?? env.TOOLGATE_APPROVAL_HOLD_MS,
          pollMs: options.approvalPollMs,
          onNewApproval: createApprovalWebhookSender({ allowPrivate: settings.allowPrivateUpstreams }),
        })
      : null;
  const proxy: ProxyInstance = {
    settings,
    lookups,
    callLog: createCallLog(),
    upstream: createUpstreamClient({ allowPrivate: settings.allowPrivateUpstreams }),
    recordSecurityEvent: createSecurityEventRecorder(),
    health: new DatabaseHealth(),
    approvals: options.approvals === undefined ? defaultApprovals : options.approvals || null,
    liveStreams: createLiveStreams(),
    detachedCalls: createDetachedCalls({ idleTimeoutMs: settings.upstreamTimeoutMs }),
  };
  lookups.onInvalidate((notice) => proxy.liveStreams.onChange(notice));
  const feed = options.listen === false ? null : subscribeToChanges(lookups.invalidate);
  const touchLastUsed = createLastUsedTracker();

  async function POST(request: Request, context: RouteContext): Promise<Response> {
    const read = await readRequestFacts(proxy, request, context);
    if (!read.ok) return read.response;
    const { facts, parsed, isStateless } = read;
    touchLastUsed(facts.grant, facts.receivedAt);
    if (parsed.kind === "request" && parsed.message.method === "tools/call") {
      const params = parsed.message.params ?? {};
      const args = params.arguments;
      if (typeof params.name !== "string" || (args !== undefined && (typeof args !== "object" || args === null || Array.isArray(args)))) {
        return answerInvalidToolCall(facts, parsed.message.id);
      }
      return handleToolCall(proxy, {
        ...facts,
        requestId: parsed.message.id,
        toolName: params.name,
        args: args as Record<string, unknown> | undefined,
        progressToken: progressTokenOf(params),
      });
    }
    const method = parsed.kind === "response" ? "(response)" : parsed.message.method;
    const requestId = parsed.kind === "notification" ? null : parsed.kind === "response" ? null : parsed.message.id;
    return handleGenericMessage(proxy, facts, { method, requestId, isStateless });
  }

  async function answerInvalidToolCall(facts: RequestFacts, id: string | number): Promise<Response> {
    const message = 'Invalid params: tools/call needs "name" (a string) and optional "arguments" (an object).';
    const row = buildRow(facts, { method: "tools/call", requestId: String(id), decision: "denied", code: "invalid_params", message });
    try {
      await proxy.callLog.record(row);
    } catch {
      return plainJsonRpcError(503, id, -32603, "Toolgate could not record this call in its audit log. Retry later.");
    }
    return answerMessage(facts.request, jsonRpcError(id, INVALID_PARAMS, message));
  }

  return {
    POST,
    GET: (request: Request, context: RouteContext) => handleStreamRequest(proxy, request, context, "GET", touchLastUsed),
    DELETE: (request: Request, context: RouteContext) => handleStreamRequest(proxy, request, context, "DELETE", touchLastUsed),
    lookups,
    /** Waits until every queued call row and settlement is written (tests, shutdown). */
    drainCallLog: () => proxy.callLog.drain(),
    /** Resolves once this instance listens for change notices. */
    ready: feed?.ready ?? Promise.resolve(),
    async close(): Promise<void> {
      await feed?.close();
      defaultApprovals?.close();
      proxy.detachedCalls.close();
      await proxy.callLog.drain();
      proxy.upstream.close();
    },
  };
}

function progressTokenOf(params: Record<string, unknown>): string | number | undefined {
  const meta = params._meta;
  if (typeof meta !== "object" || meta === null) return undefined;
  const token = (meta as { progressToken?: unknown }).progressToken;
  return typeof token === "string" || typeof token === "number" ? token : undefined;
}

export type ToolgateProxy = ReturnType<typeof createProxy>;
