/**
 * The OpenAPI 3.1 document of /api/v1, generated from the endpoint descriptions in
 * lib/api/endpoints: the same zod schemas validate requests and shape responses, so the document
 * cannot describe an API other than the one that runs. Request schemas are rendered as their input
 * (what a client sends), response schemas as their output. Schemas with a meta `id` become named
 * components.
 */
import { z } from "zod";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { type ErrorCode, toHttpStatus } from "@/lib/errors";
import { errorResponseSchema } from "@/lib/validation/api/common";
import type { Endpoint } from "./endpoint";
import { API_ENDPOINTS } from "./endpoints";

type JsonSchema = Record<string, unknown>;
type Components = { schemas: Record<string, JsonSchema> };

const COMMON_ERRORS: ErrorCode[] = ["unauthenticated", "forbidden", "rate_limited", "internal"];

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  bad_request: "Malformed request (invalid JSON, bad header).",
  validation_failed: "Invalid fields; `details.fieldErrors` lists them.",
  unauthenticated: "Missing, unknown, revoked or expired API key.",
  forbidden: "The key's role is too low for this operation.",
  not_found: "No such resource in the key's organisation.",
  conflict: "A request with this Idempotency-Key is still in progress.",
  rate_limited: "Too many requests; see Retry-After.",
  payload_too_large: "The body exceeds the size limit.",
  unavailable: "A dependency (database, upstream) is unavailable.",
  internal: "Unexpected error; quote the request id.",
};

function toJsonSchema(schema: z.ZodType, io: "input" | "output", components: Components): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: (context) => {
      const type = (context.zodSchema as { _zod: { def: { type: string } } })._zod.def.type;
      if (type === "date") Object.assign(context.jsonSchema, { type: "string", format: "date-time" });
    },
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = json;
  for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>))
    components.schemas[name] = rewriteRefs(definition) as JsonSchema;
  return rewriteRefs(rest) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === "$ref" && typeof inner === "string" ? inner.replace("#/$defs/", "#/components/schemas/") : rewriteRefs(inner),
      ]),
    );
  }
  return value;
}

function toParameters(schema: z.ZodType | undefined, location: "path" | "query", components: Components) {
  if (!schema) return [];
  const json = toJsonSchema(schema, "input", components);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function errorResponses(codes: ErrorCode[], notes: Endpoint["errorNotes"] = {}) {
  const byStatus = new Map<number, string[]>();
  for (const code of new Set([...COMMON_ERRORS, ...codes])) {
    const status = toHttpStatus(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${code}\`: ${[ERROR_DESCRIPTIONS[code], notes[code]].filter(Boolean).join(" ")}`]);
  }
  return Object.fromEntries(
    [...byStatus.entries()].map(([status, lines]) => [
      String(status),
      { description: lines.join(" "), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
}

function toOperation(endpoint: Endpoint, components: Components) {
  const status = endpoint.status ?? 200;
  const isWrite = endpoint.method !== "GET";
  const errors: ErrorCode[] = [...(endpoint.errors ?? [])];
  if (endpoint.body) errors.push("bad_request", "validation_failed", "payload_too_large");
  if (endpoint.query) errors.push("validation_failed");
  if (isWrite) errors.push("conflict", "validation_failed");
  const parameters = [
    ...toParameters(endpoint.params, "path", components),
    ...toParameters(endpoint.query, "query", components),
    ...(isWrite
      ? [
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            description: "Retries with the same key and body replay the first response; the same key with another body answers 422.",
            schema: { type: "string", maxLength: 200 },
          },
        ]
      : []),
  ];
  return {
    operationId: endpoint.operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: [endpoint.description, `Requires an API key with the ${ROLE_LABELS[endpoint.role]} role or higher.`].filter(Boolean).join("\n\n"),
    "x-toolgate-role": endpoint.role,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { "application/json": { schema: toJsonSchema(endpoint.body, "input", components) } } } }
      : {}),
    responses: {
      [String(status)]: endpoint.response
        ? { description: "Success.", content: { "application/json": { schema: toJsonSchema(endpoint.response, "output", components) } } }
        : { description: "Done; no content." },
      ...errorResponses(errors, endpoint.errorNotes),
    },
  };
}

export function buildOpenApiDocument({ serverUrl, endpoints = API_ENDPOINTS }: { serverUrl: string; endpoints?: Endpoint[] }) {
  const components: Components = { schemas: {} };
  toJsonSchema(errorResponseSchema, "output", components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    paths[endpoint.path] ??= {};
    (paths[endpoint.path] as Record<string, unknown>)[endpoint.method.toLowerCase()] = toOperation(endpoint, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Toolgate API",
      version: "1.0.0",
      description:
        "Manage MCP servers, policies, grants and logs of one organisation. Authenticate with an organisation API key: `Authorization: Bearer tgk_…`. Lists return `{ items, nextCursor }`; pass `cursor` to get the next page. Errors are `{ error: { code, message, details?, requestId } }`.",
    },
    servers: [{ url: `${serverUrl.replace(/\/+$/, "")}/api/v1` }],
    security: [{ apiKey: [] }],
    tags: [...new Set(endpoints.map((endpoint) => endpoint.tag))].map((name) => ({ name })),
    paths,
    components: { ...components, securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An organisation API key (tgk_…)." } } },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
