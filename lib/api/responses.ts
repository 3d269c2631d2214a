/**
 * The JSON shapes of /api/v1 answers. Errors are `{ error: { code, message, details?, requestId } }`
 * with the status from lib/errors.ts; unknown failures are logged with the request id and answered
 * with a generic sentence, so internals never reach the client.
 */
import { AppError, type ErrorCode, toHttpStatus } from "@/lib/errors";

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  if (status === 204) return new Response(null, { status, headers });
  return Response.json(body, { status, headers });
}

export function errorBody({ code, message, details, requestId }: { code: ErrorCode; message: string; details?: unknown; requestId: string }) {
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } };
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof AppError) {
    const headers = new Headers();
    if (error.code === "unauthenticated") headers.set("WWW-Authenticate", 'Bearer realm="toolgate"');
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === "number") headers.set("Retry-After", String(retryAfter));
    return jsonResponse(errorBody({ code: error.code, message: error.message, details: error.details, requestId }), toHttpStatus(error.code), headers);
  }
  console.error(`[api ${requestId}]`, error);
  return jsonResponse(errorBody({ code: "internal", message: `Something went wrong. Quote request id ${requestId} when reporting it.`, requestId }), 500);
}
