import "server-only";
/**
 * The one pipeline of every /api/v1 route (STYLE rule 11): request id → authenticate the API key →
 * rate limit → role → path and query → body with a size limit → tenant → handler (inside the
 * Idempotency-Key check) → response schema → map errors → X-Request-Id on every answer.
 *
 * Security decisions: the organisation comes only from the key, never from the request, so every
 * DAL call below is scoped to the key's organisation and foreign ids answer 404 like missing ones.
 * Unknown, malformed, revoked and expired keys get the same 401. Failed authentications are also
 * counted per client IP so that keys cannot be guessed at speed. If the rate-limit counters cannot
 * be reached the request is refused (503): limits fail closed here, unlike in the anchors.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "@/lib/audit";
import { hasRole } from "@/lib/auth/roles";
import { type ApiKeyPrincipal, apiKeyActor, authenticateApiKey } from "@/lib/db/api-keys";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { apiKeyLimiter, consumeLimits, type LimitResult } from "@/lib/rate-limit";
import type { Endpoint, EndpointInput } from "./endpoint";
import { type ApiResult, runIdempotent } from "./idempotency";
import { parseJsonText, readBodyText, searchParamsToRecord, validateInput } from "./parse-input";
import { errorResponse, jsonResponse } from "./responses";

export type ApiContext<E extends Endpoint> = EndpointInput<E> & {
  orgId: string;
  key: ApiKeyPrincipal;
  actor: Actor;
  requestId: string;
  request: Request;
};

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type ApiRoute<E extends Endpoint> = ((request: Request, context: RouteContext) => Promise<Response>) & { endpoint: E };

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export function withApiKey<E extends Endpoint>(endpoint: E, handler: (context: ApiContext<E>) => Promise<unknown>): ApiRoute<E> {
  const route = async (request: Request, context: RouteContext): Promise<Response> => {
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const headers = new Headers({ "X-Request-Id": requestId, "Cache-Control": "no-store" });
    let response: Response;
    try {
      const ip = clientIp(request);
      const key = await authenticate(request, ip);
      setRateLimitHeaders(headers, await limitKey(key));
      if (!hasRole(key.role, endpoint.role)) {
        throw new AppError(
          "forbidden",
          `This needs an API key with the ${endpoint.role.replace("_", " ")} role or higher; this key has ${key.role.replace("_", " ")}.`,
        );
      }
      const params = readParams(endpoint, await context.params);
      const query = endpoint.query ? validateInput(endpoint.query, searchParamsToRecord(new URL(request.url).searchParams), "query") : {};
      const bodyText = endpoint.body ? await readBodyText(request, getEnv().TOOLGATE_MAX_BODY_BYTES) : "";
      const body = endpoint.body ? validateInput(endpoint.body, parseJsonText(bodyText) ?? {}, "body") : undefined;
      const orgId = key.orgId;
      const actor = apiKeyActor({ key, ip });
      const input = { params, query, body } as EndpointInput<E>;
      const result = await runIdempotent({
        orgId,
        request,
        bodyText,
        run: async (): Promise<ApiResult> => {
          const output = await handler({ ...input, orgId, key, actor, requestId, request });
          return { status: endpoint.status ?? 200, body: serializeOutput(endpoint.response, output) };
        },
      });
      for (const [name, value] of Object.entries(result.headers ?? {})) headers.set(name, value);
      response = jsonResponse(result.body, result.status);
    } catch (error) {
      response = errorResponse(error, requestId);
    }
    for (const [name, value] of headers) response.headers.set(name, value);
    return response;
  };
  return Object.assign(route, { endpoint });
}

/** The first X-Forwarded-For entry, as set by the reverse proxy in front of the app. */
function clientIp(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
}

async function authenticate(request: Request, ip: string | null): Promise<ApiKeyPrincipal> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const key = match?.[1] ? await authenticateApiKey({ token: match[1], ip }) : null;
  if (key) return key;
  const failures = await consumeLimits([{ limiter: apiKeyLimiter.authFailuresPerIp, identifier: ip ?? "unknown" }]).catch(() => null);
  if (failures && !failures.allowed) throw rateLimited(failures);
  throw new AppError(
    "unauthenticated",
    match ? "The API key is invalid, revoked or expired." : "Send an organisation API key as `Authorization: Bearer tgk_…`.",
  );
}

async function limitKey(key: ApiKeyPrincipal): Promise<LimitResult> {
  let result: LimitResult;
  try {
    result = await consumeLimits([{ limiter: apiKeyLimiter.perKey, identifier: key.id }]);
  } catch {
    throw new AppError("unavailable", "The rate limiter is unavailable, so the request was refused. Retry shortly.");
  }
  if (!result.allowed) throw rateLimited(result);
  return result;
}

function rateLimited(result: LimitResult): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((result.resetAt.getTime() - Date.now()) / 1000));
  return new AppError("rate_limited", `Too many requests. Retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

function setRateLimitHeaders(headers: Headers, result: LimitResult): void {
  headers.set("X-RateLimit-Limit", String(result.limit));
  headers.set("X-RateLimit-Remaining", String(result.remaining));
  headers.set("X-RateLimit-Reset", String(Math.ceil(result.resetAt.getTime() / 1000)));
}

/** A malformed id is answered like a foreign one: 404. */
function readParams(endpoint: Endpoint, raw: Record<string, string | string[] | undefined>): unknown {
  if (!endpoint.params) return {};
  const parsed = endpoint.params.safeParse(raw);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

function serializeOutput(schema: z.ZodType | undefined, output: unknown): unknown {
  if (!schema) return null;
  // JSON first, so Dates become ISO strings, then the response schema drops anything undeclared.
  return schema.parse(JSON.parse(JSON.stringify(output ?? null)));
}
