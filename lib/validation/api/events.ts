import { z } from "zod";
import { callListQuerySchema } from "@/lib/validation/calls";
import { pageQuerySchema } from "./common";

export const apiCallListQuerySchema = callListQuerySchema;

export const callResponseSchema = z
  .object({
    id: z.string(),
    serverId: z.string(),
    grantId: z.string(),
    grantLabel: z.string(),
    sessionId: z.string().nullable(),
    requestId: z.string().nullable(),
    method: z.string(),
    tool: z.string().nullable(),
    decision: z.string(),
    code: z.string(),
    rule: z.string().nullable(),
    message: z.string().nullable(),
    policyId: z.string().nullable(),
    policyVersion: z.number().int().nullable(),
    argumentKeys: z.array(z.string()),
    upstreamStatus: z.number().int().nullable(),
    upstreamMs: z.number().int().nullable(),
    totalMs: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Call" });

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const apiAdminEventListQuerySchema = pageQuerySchema.extend({
  action: z.preprocess(blankToUndefined, z.string().max(64).optional()).meta({ description: "e.g. grant.created" }),
  from: z.preprocess(blankToUndefined, z.iso.datetime({ error: "From must be an ISO 8601 date-time." }).optional()),
  to: z.preprocess(blankToUndefined, z.iso.datetime({ error: "To must be an ISO 8601 date-time." }).optional()),
});

export const adminEventResponseSchema = z
  .object({
    id: z.string(),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AdminEvent" });
