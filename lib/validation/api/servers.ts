import { z } from "zod";
import { createServerSchema, updateServerSchema, upstreamHeadersSchema } from "@/lib/validation/server";
import { isoDateTimeSchema } from "./common";

export const apiCreateServerSchema = createServerSchema;

/** `headers` replaces the upstream credentials; `{}` removes them. */
export const apiUpdateServerSchema = updateServerSchema
  .extend({ headers: upstreamHeadersSchema.optional() })
  .refine((input) => Object.values(input).some((value) => value !== undefined), { error: "Send at least one of name, url, headers." });

export const serverResponseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    proxyUrl: z.string().meta({ description: "The MCP endpoint agents connect to, with a grant token as bearer." }),
    credentialHeaderNames: z.array(z.string()).meta({ description: "Names of the upstream headers that are set; values are never returned." }),
    toolsRefreshedAt: isoDateTimeSchema.nullable(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: "Server" });

export const toolResponseSchema = z
  .object({
    id: z.string(),
    serverId: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    inputSchema: z.record(z.string(), z.unknown()).nullable(),
    annotations: z.record(z.string(), z.unknown()).nullable(),
    riskClass: z.string(),
    hasDrift: z.boolean(),
    driftedAt: isoDateTimeSchema.nullable(),
    lastSeenAt: isoDateTimeSchema,
    removedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: "Tool" });

export const refreshToolsResponseSchema = z.object({
  count: z.number().int(),
  added: z.array(z.string()),
  drifted: z.array(z.string()),
  removed: z.array(z.string()),
});
