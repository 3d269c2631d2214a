/**
 * One error type with a closed list of codes and one mapping to HTTP (STYLE rule 12).
 * Unknown and foreign ids both answer `not_found`, so ids cannot be probed across organisations.
 */
export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "unavailable"
  | "internal";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number; [key: string]: unknown },
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function toHttpStatus(code: ErrorCode): number {
  return statusByCode[code];
}

export function notFound(what = "Resource"): AppError {
  return new AppError("not_found", `${what} not found.`);
}

/** Prisma's "record to update/delete not found" (a foreign or missing id in a scoped where). */
export function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2025";
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
