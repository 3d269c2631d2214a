/**
 * Policy inputs, shared by dashboard actions and `/api/v1`. A document may arrive as JSON text
 * (the editor, a form) or as a parsed value (an API body); either way it is checked by the policy
 * engine itself, so the messages carry the JSON pointer of each problem, in the same
 * "/pointer: message" form that lib/db/policies.ts reports.
 */
import { z } from "zod";
import { parsePolicyJson, validatePolicy } from "@/lib/policy/validate";

const idSchema = (what: string) =>
  z
    .string({ error: `Missing ${what}.` })
    .trim()
    .min(1, { error: `Missing ${what}.` })
    .max(64);

export const policyNameSchema = z
  .string({ error: "Give the policy a name." })
  .trim()
  .min(1, { error: "Give the policy a name." })
  .max(80, { error: "Use at most 80 characters." });

function checkPolicyDocument(input: unknown, context: z.RefinementCtx): Record<string, unknown> {
  if (input === undefined || input === null || (typeof input === "string" && input.trim() === "")) {
    context.addIssue({ code: "custom", message: "Write a policy document (JSON)." });
    return z.NEVER;
  }
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      // parsePolicyJson reports the syntax error with its position.
    }
  }
  const result = typeof input === "string" && value === input ? parsePolicyJson(input) : validatePolicy(value);
  if (!result.ok) {
    for (const error of result.errors) context.addIssue({ code: "custom", message: `${error.pointer || "/"}: ${error.message}` });
    return z.NEVER;
  }
  return value as Record<string, unknown>;
}

/** JSON text or a value; outputs the document as written (the engine normalises on load). */
export const policyDocumentSchema = z.unknown().optional().transform(checkPolicyDocument);

/** The same check, where leaving the document out (or blank) is allowed. */
export const optionalPolicyDocumentSchema = z
  .unknown()
  .optional()
  .transform((input, context) => (input === undefined || input === null || input === "" ? undefined : checkPolicyDocument(input, context)));

export const createPolicySchema = z.object({ serverId: idSchema("server"), name: policyNameSchema, document: policyDocumentSchema });
export type CreatePolicyInput = z.infer<typeof createPolicySchema>;

export const updatePolicySchema = z.object({ policyId: idSchema("policy"), name: policyNameSchema.optional(), document: policyDocumentSchema });
export type UpdatePolicyInput = z.infer<typeof updatePolicySchema>;

export const restorePolicyVersionSchema = z.object({
  policyId: idSchema("policy"),
  version: z.coerce.number({ error: "Choose a version." }).int().min(1, { error: "Choose a version." }),
});

export const deletePolicySchema = z.object({ policyId: idSchema("policy") });

/** Arguments of a simulated call: a JSON object (text or value); empty means no arguments. */
export const callArgumentsSchema = z
  .unknown()
  .optional()
  .transform((input, context) => {
    if (input === undefined || input === null || (typeof input === "string" && input.trim() === "")) return {};
    let value = input;
    if (typeof input === "string") {
      try {
        value = JSON.parse(input);
      } catch (error) {
        context.addIssue({ code: "custom", message: `Arguments are not valid JSON: ${(error as Error).message}` });
        return z.NEVER;
      }
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      context.addIssue({ code: "custom", message: 'Arguments must be a JSON object, e.g. {"path": "/tmp/x"}.' });
      return z.NEVER;
    }
    return value as Record<string, unknown>;
  });

export const simulateCallSchema = z.object({
  policyId: idSchema("policy"),
  tool: z.string({ error: "Enter a tool name." }).trim().min(1, { error: "Enter a tool name." }).max(256),
  arguments: callArgumentsSchema,
  /** A draft to test instead of the saved version (the editor's unsaved text). */
  document: optionalPolicyDocumentSchema,
});
export type SimulateCallInput = z.infer<typeof simulateCallSchema>;

export const POLICY_TEMPLATES = ["suggested", "deny_all", "allow_all"] as const;
export type PolicyTemplate = (typeof POLICY_TEMPLATES)[number];

/** The dashboard's "new policy" form: a name and a starting point, reviewed in the editor afterwards. */
export const createPolicyFromTemplateSchema = z.object({
  serverId: idSchema("server"),
  name: policyNameSchema,
  template: z.enum(POLICY_TEMPLATES, { error: "Choose a starting point." }).default("suggested"),
});

export const attachPolicySchema = z.object({
  grantId: idSchema("grant"),
  policyId: z.preprocess((value) => (value === "" || value === undefined ? null : value), z.string().max(64).nullable()),
});

export const dryRunSchema = z.object({
  policyId: idSchema("policy"),
  days: z.coerce.number({ error: "Choose a number of days." }).int().min(1, { error: "At least 1 day." }).max(90, { error: "At most 90 days." }).default(7),
  document: optionalPolicyDocumentSchema,
});
