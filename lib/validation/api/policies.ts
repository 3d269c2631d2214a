import { z } from "zod";
import {
  callArgumentsSchema,
  createPolicySchema,
  optionalPolicyDocumentSchema,
  policyDocumentSchema,
  simulateCallSchema,
  updatePolicySchema,
} from "@/lib/validation/policy";
import { apiIdSchema, isoDateTimeSchema } from "./common";

const documentDescription = 'A policy document (SPEC §2): a JSON object with version "1", default, tools, … Also accepted as JSON text.';

const documentInput = policyDocumentSchema.meta({ type: "object", description: documentDescription });

export const apiCreatePolicySchema = createPolicySchema.omit({ serverId: true }).extend({ document: documentInput });

/** PUT saves the document as a new version; the name may change with it. */
export const apiUpdatePolicySchema = updatePolicySchema.omit({ policyId: true }).extend({ document: documentInput });

/** Validation reports problems in the response rather than as a 422, so the document is not parsed here. */
export const apiValidatePolicySchema = z.object({ document: z.unknown().meta({ type: "object", description: documentDescription }) });

export const apiSimulateCallSchema = simulateCallSchema.omit({ policyId: true }).extend({
  arguments: callArgumentsSchema.optional().meta({ type: "object", description: "The call's arguments; absent means none." }),
  document: optionalPolicyDocumentSchema.meta({ type: "object", description: "A draft document to test instead of the saved version." }),
  grantId: apiIdSchema.optional().meta({ description: "Optional; when given, it must be a grant of the policy's server." }),
});

const policyDocumentOutput = z.record(z.string(), z.unknown()).meta({ description: "The document as saved." });

export const policyResponseSchema = z
  .object({
    id: z.string(),
    serverId: z.string(),
    name: z.string(),
    version: z.number().int(),
    document: policyDocumentOutput,
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: "Policy" });

export const policySummarySchema = z
  .object({ id: z.string(), name: z.string(), version: z.number().int(), updatedAt: isoDateTimeSchema, grantCount: z.number().int() })
  .meta({ id: "PolicySummary" });

export const policyVersionResponseSchema = z
  .object({ version: z.number().int(), document: policyDocumentOutput, createdAt: isoDateTimeSchema, createdById: z.string().nullable() })
  .meta({ id: "PolicyVersion" });

export const policyValidationResponseSchema = z.object({
  valid: z.boolean(),
  errors: z.array(z.object({ pointer: z.string(), message: z.string() }).catchall(z.unknown())),
});

export const decisionResponseSchema = z
  .object({
    outcome: z.enum(["allow", "deny", "hidden", "require_approval"]),
    code: z.string(),
    rule: z.string(),
    message: z.string().nullable(),
    agentText: z.string().nullable().meta({ description: "What the agent would read for a denial." }),
    policyVersion: z.number().int().nullable().meta({ description: "The saved version tested; null for a draft." }),
    isToolInCatalogue: z.boolean(),
    reservations: z
      .array(z.object({ rule: z.string(), counter: z.string(), scope: z.string(), amount: z.number(), max: z.number(), windowEnd: isoDateTimeSchema }))
      .meta({ description: "Counters the call would count against. A simulation reserves nothing." }),
    approvalTimeoutMs: z.number().nullable(),
  })
  .meta({ id: "Decision" });
