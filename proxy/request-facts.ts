/**
 * The front stages every POST goes through: authenticate, read the body within its limit, parse
 * one JSON-RPC message, and bind the request to its session. Malformed input is answered here with
 * the JSON-RPC error the spec names and logged (the caller is authenticated, so it is a call).
 */

import { BodyTooLargeError, readBodyWithLimit } from "@/lib/http/read-body";
import { authenticate } from "./authenticate";
import { buildRow, type ProxyInstance, type RequestFacts } from "./context";
import { INVALID_REQUEST, type ParsedMessage, parseMessage } from "./jsonrpc";
import { plainJsonRpcError, sessionNotFoundResponse, unavailableResponse } from "./respond";
import { checkSession, isStatelessRevision, readProtocolVersion } from "./sessions";

export type RouteContext = { params: Promise<{ serverId: string }> };

export type FactsResult = { ok: true; facts: RequestFacts; parsed: ParsedMessage; isStateless: boolean } | { ok: false; response: Response };

export function clientIpOf(request: Request): string | null {
  // Set by the reverse proxy in front of the app; used only to throttle security events.
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded ? (forwarded.split(",")[0]?.trim() ?? null) : null;
}

export async function authenticateRequest(proxy: ProxyInstance, request: Request, context: RouteContext) {
  const startedAt = performance.now();
  const receivedAt = new Date();
  const { serverId } = await context.params;
  const auth = await authenticate({
    request,
    serverId,
    lookups: proxy.lookups,
    recordSecurityEvent: proxy.recordSecurityEvent,
    clientIp: clientIpOf(request),
    now: receivedAt.getTime(),
  });
  return { auth, startedAt, receivedAt };
}

export async function readRequestFacts(proxy: ProxyInstance, request: Request, context: RouteContext): Promise<FactsResult> {
  const { auth, startedAt, receivedAt } = await authenticateRequest(proxy, request, context);
  if (!auth.ok) return auth;
  const headerSession = request.headers.get("mcp-session-id");
  const base: RequestFacts = { request, grant: auth.grant, sessionId: headerSession, startedAt, receivedAt, body: new Uint8Array(0) };
  let body: Uint8Array;
  try {
    body = await readBodyWithLimit(request, proxy.settings.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError))
      return { ok: false, response: plainJsonRpcError(400, null, INVALID_REQUEST, "The request body could not be read.") };
    const message = `The request body exceeds the limit of ${proxy.settings.maxBodyBytes} bytes.`;
    await proxy.callLog.record(buildRow(base, { method: "(invalid)", decision: "denied", code: "body_too_large", message })).catch(() => {});
    return { ok: false, response: plainJsonRpcError(413, null, INVALID_REQUEST, message) };
  }
  const parsed = parseMessage(body);
  if (parsed.kind === "invalid") {
    const code = parsed.code === -32700 ? "parse_error" : "invalid_request";
    await proxy.callLog.record(buildRow(base, { method: "(invalid)", decision: "denied", code, message: parsed.message })).catch(() => {});
    return { ok: false, response: plainJsonRpcError(400, null, parsed.code, parsed.message) };
  }
  const params = parsed.kind === "response" ? undefined : parsed.message.params;
  const mismatch = findRoutingHeaderMismatch(request, parsed);
  if (mismatch) {
    await proxy.callLog.record(buildRow(base, { method: "(invalid)", decision: "denied", code: "invalid_request", message: mismatch })).catch(() => {});
    return { ok: false, response: plainJsonRpcError(400, null, INVALID_REQUEST, mismatch) };
  }
  const isStateless = isStatelessRevision(readProtocolVersion(request, params));
  const sessionId = isStateless ? null : headerSession;
  if (sessionId) {
    const check = await checkSession({ lookups: proxy.lookups, grant: auth.grant, sessionId });
    if (check === "not_found") return { ok: false, response: sessionNotFoundResponse() };
    if (check === "unavailable")
      return { ok: false, response: unavailableResponse(null, "Toolgate cannot read its database, so the request was not forwarded. Retry later.") };
  }
  return { ok: true, facts: { ...base, sessionId, body }, parsed, isStateless };
}

/**
 * 2026-07-28 repeats the method and tool name in `Mcp-Method`/`Mcp-Name` headers so intermediaries
 * can route without parsing. Toolgate decides on the body; a header that says something else could
 * make an upstream act on a different tool than the one the policy allowed, so it is refused.
 */
function findRoutingHeaderMismatch(request: Request, parsed: ParsedMessage): string | null {
  const method = request.headers.get("mcp-method");
  const name = request.headers.get("mcp-name");
  if (method === null && name === null) return null;
  const bodyMethod = parsed.kind === "response" ? null : parsed.message.method;
  if (method !== null && method !== bodyMethod) return `Invalid Request: the Mcp-Method header (${method}) does not match the body's method.`;
  const bodyName = parsed.kind === "response" ? undefined : parsed.message.params?.name;
  if (name !== null && bodyMethod === "tools/call" && name !== bodyName)
    return "Invalid Request: the Mcp-Name header does not match the tool named in the body.";
  return null;
}
