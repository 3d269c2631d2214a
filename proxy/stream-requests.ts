/**
 * GET (the server-to-client event stream of a session, resumable with Last-Event-ID) and DELETE
 * (end a session). Both need a session that belongs to the caller's grant; the GET stream is piped
 * through unbuffered, and closing it on either side closes the other. Its events pass unchanged,
 * except the answer of a call whose POST stream the upstream closed early: that call is settled
 * first (proxy/detached-calls.ts), and a tools/list answer is filtered as on the POST path.
 */
import type { ProxyGrant } from "@/lib/db/proxy-store";
import type { ProxyInstance } from "./context";
import { authenticateRequest, type RouteContext } from "./request-facts";
import { plainJsonRpcError, sessionNotFoundResponse, unavailableResponse } from "./respond";
import { checkSession, forgetSession } from "./sessions";
import { UpstreamError } from "./upstream";
import { upstreamHeadersFor } from "./upstream-headers";

export async function handleStreamRequest(
  proxy: ProxyInstance,
  request: Request,
  context: RouteContext,
  method: "GET" | "DELETE",
  touchLastUsed: (grant: ProxyGrant, at: Date) => void,
): Promise<Response> {
  const { auth, receivedAt } = await authenticateRequest(proxy, request, context);
  if (!auth.ok) return auth.response;
  const grant = auth.grant;
  touchLastUsed(grant, receivedAt);
  const sessionId = request.headers.get("mcp-session-id");
  if (!sessionId) return plainJsonRpcError(400, null, -32000, "Bad Request: Mcp-Session-Id header is required");
  const check = await checkSession({ lookups: proxy.lookups, grant, sessionId });
  if (check === "not_found") return sessionNotFoundResponse();
  let headers: Record<string, string>;
  try {
    if (check === "unavailable") throw new Error("unavailable");
    headers = await upstreamHeadersFor(proxy, request, grant);
  } catch {
    return unavailableResponse(null, "Toolgate cannot read its database, so the request was not forwarded. Retry later.");
  }
  try {
    const upstream = await proxy.upstream.send({
      url: grant.upstreamUrl,
      method,
      headers,
      signal: request.signal,
      signalOwner: request,
      // A GET stream is long-lived by design; only the connection phase is bounded.
      timeoutMs: method === "GET" ? 24 * 3600_000 : proxy.settings.upstreamTimeoutMs,
    });
    if (method === "DELETE" && upstream.status < 300) {
      proxy.detachedCalls.endSession(grant.id, sessionId);
      await forgetSession({ lookups: proxy.lookups, grant, sessionId });
    }
    const emptyBody = upstream.status === 202 || upstream.status === 204 || method === "DELETE";
    if (emptyBody) await upstream.body.cancel().catch(() => {});
    if (emptyBody) return new Response(null, { status: upstream.status, headers: upstream.headers });
    const isEventStream = upstream.status === 200 && (upstream.headers.get("content-type") ?? "").includes("text/event-stream");
    const body = isEventStream ? proxy.liveStreams.track(grant, upstream.body, proxy.detachedCalls.watch(grant.id, sessionId)) : upstream.body;
    return new Response(body, { status: upstream.status, headers: upstream.headers });
  } catch (error) {
    const reason = error instanceof UpstreamError ? error.message : "The upstream request failed.";
    return plainJsonRpcError(502, null, -32603, `Toolgate could not reach the upstream: ${reason}`);
  }
}
