/**
 * Reads and classifies the body of a POST (SPEC §3): size-limited (413), malformed JSON is -32700,
 * anything that is not one JSON-RPC 2.0 message is -32600. Batches are rejected whole with -32600:
 * MCP dropped JSON-RPC batching in 2025-06-18, and rejecting the whole array means a batch is never
 * half-applied.
 */

export type JsonRpcId = string | number;
export type JsonRpcRequest = { jsonrpc: "2.0"; id: JsonRpcId; method: string; params?: Record<string, unknown> };
export type JsonRpcNotification = { jsonrpc: "2.0"; method: string; params?: Record<string, unknown> };
export type JsonRpcResponse = { jsonrpc: "2.0"; id: JsonRpcId | null; result?: unknown; error?: { code: number; message: string; data?: unknown } };

export type ParsedMessage =
  | { kind: "request"; message: JsonRpcRequest }
  | { kind: "notification"; message: JsonRpcNotification }
  | { kind: "response"; message: JsonRpcResponse };

export type ParseFailure = { kind: "invalid"; code: -32700 | -32600; message: string };

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;

const decoder = new TextDecoder();

export function parseMessage(body: Uint8Array): ParsedMessage | ParseFailure {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(body));
  } catch {
    return { kind: "invalid", code: PARSE_ERROR, message: "Parse error: the body is not valid JSON." };
  }
  if (Array.isArray(value)) {
    return {
      kind: "invalid",
      code: INVALID_REQUEST,
      message: "Invalid Request: JSON-RPC batches are not supported (MCP 2025-06-18 and later); send one message per request.",
    };
  }
  return classifyMessage(value);
}

export function classifyMessage(value: unknown): ParsedMessage | ParseFailure {
  const invalid = (why: string): ParseFailure => ({ kind: "invalid", code: INVALID_REQUEST, message: `Invalid Request: ${why}` });
  if (typeof value !== "object" || value === null) return invalid("expected a JSON-RPC 2.0 object.");
  const message = value as Record<string, unknown>;
  if (message.jsonrpc !== "2.0") return invalid('"jsonrpc" must be "2.0".');
  const hasId = "id" in message;
  if (hasId && !isValidId(message.id)) return invalid('"id" must be a string or an integer.');
  if (message.params !== undefined && (typeof message.params !== "object" || message.params === null || Array.isArray(message.params))) {
    return invalid('"params" must be an object.');
  }
  if (typeof message.method === "string") {
    if (message.method.length === 0) return invalid('"method" must not be empty.');
    return hasId ? { kind: "request", message: message as JsonRpcRequest } : { kind: "notification", message: message as JsonRpcNotification };
  }
  if (hasId && ("result" in message || "error" in message)) return { kind: "response", message: message as JsonRpcResponse };
  return invalid('expected "method" (request or notification) or "result"/"error" (response).');
}

function isValidId(id: unknown): id is JsonRpcId {
  return typeof id === "string" || (typeof id === "number" && Number.isInteger(id));
}

export function jsonRpcError(id: JsonRpcId | null, code: number, message: string, data?: unknown): JsonRpcResponse {
  const error: JsonRpcResponse["error"] = { code, message };
  if (data !== undefined) error.data = data;
  return { jsonrpc: "2.0", id, error };
}

export function jsonRpcResult(id: JsonRpcId, result: unknown): JsonRpcResponse {
  return { jsonrpc: "2.0", id, result };
}

/** Top-level argument names, sorted: the only trace of arguments the call log keeps. */
export function argumentKeysOf(args: unknown): string[] {
  if (typeof args !== "object" || args === null || Array.isArray(args)) return [];
  return Object.keys(args).sort();
}
