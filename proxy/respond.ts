/**
 * Answers the proxy writes itself (denials, errors). A client that accepts JSON gets JSON; a
 * client that accepts only event streams gets the message as a one-event SSE stream, which is what
 * the upstream would have sent it.
 */
import { INTERNAL_ERROR, type JsonRpcId, type JsonRpcResponse, jsonRpcError } from "./jsonrpc";
import { formatSseMessage } from "./sse";

export function answerMessage(request: Request, message: JsonRpcResponse, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const accept = request.headers.get("accept") ?? "";
  const headers = new Headers(init.headers);
  if (accept.includes("text/event-stream") && !accept.includes("application/json")) {
    headers.set("content-type", "text/event-stream");
    headers.set("cache-control", "no-cache");
    return new Response(formatSseMessage(message), { status: init.status ?? 200, headers });
  }
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(message), { status: init.status ?? 200, headers });
}

/** Fail closed: nothing was forwarded. 503 with Retry-After, and a JSON-RPC error the agent can read. */
export function unavailableResponse(id: JsonRpcId | null, message: string): Response {
  return Response.json(jsonRpcError(id, INTERNAL_ERROR, message), { status: 503, headers: { "retry-after": "5" } });
}

export function sessionNotFoundResponse(): Response {
  return Response.json(jsonRpcError(null, -32001, "Session not found"), { status: 404 });
}

export function plainJsonRpcError(status: number, id: JsonRpcId | null, code: number, message: string): Response {
  return Response.json(jsonRpcError(id, code, message), { status });
}
