/**
 * One description per /api/v1 operation: method, path, role and the zod schemas of its params,
 * query, body and response. The route pipeline validates with these schemas and the OpenAPI
 * document is generated from the same objects, so the two cannot drift apart.
 */
import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { ErrorCode } from "@/lib/errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Endpoint<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template below /api/v1, e.g. `/servers/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The lowest role a key needs. */
  role: Role;
  params?: P;
  query?: Q;
  body?: B;
  /** Absent for 204 responses. */
  response?: R;
  status?: 200 | 201 | 202 | 204;
  /** Error codes this operation can answer besides the ones every operation can. */
  errors?: ErrorCode[];
  /** What an error code means for this operation in particular, added to its general description. */
  errorNotes?: Partial<Record<ErrorCode, string>>;
};

export type EndpointInput<E extends Endpoint> = {
  params: E extends { params: infer P extends z.ZodType } ? z.output<P> : Record<string, never>;
  query: E extends { query: infer Q extends z.ZodType } ? z.output<Q> : Record<string, never>;
  body: E extends { body: infer B extends z.ZodType } ? z.output<B> : undefined;
};

/** Keeps the literal type, so handlers see exactly the schemas this endpoint declares. */
export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}
