import { z } from "zod";
import { idParamsSchema, pageOf, pageQuerySchema } from "@/lib/validation/api/common";
import {
  apiCreatePolicySchema,
  apiSimulateCallSchema,
  apiUpdatePolicySchema,
  apiValidatePolicySchema,
  decisionResponseSchema,
  policyResponseSchema,
  policySummarySchema,
  policyValidationResponseSchema,
  policyVersionResponseSchema,
} from "@/lib/validation/api/policies";
import { defineEndpoint } from "../endpoint";

const tag = "Policies";

export const listPoliciesEndpoint = defineEndpoint({
  operationId: "listServerPolicies",
  method: "GET",
  path: "/servers/{id}/policies",
  tag,
  summary: "List a server's policies",
  role: "viewer",
  params: idParamsSchema,
  query: pageQuerySchema.extend({ name: z.string().max(80).optional().meta({ description: "Only the policy with this exact name." }) }),
  response: pageOf(policySummarySchema),
  errors: ["not_found"],
});

export const createPolicyEndpoint = defineEndpoint({
  operationId: "createPolicy",
  method: "POST",
  path: "/servers/{id}/policies",
  tag,
  summary: "Create a policy (version 1) on a server",
  role: "policy_manager",
  params: idParamsSchema,
  body: apiCreatePolicySchema,
  response: policyResponseSchema,
  status: 201,
  errors: ["not_found", "validation_failed"],
});

export const getPolicyEndpoint = defineEndpoint({
  operationId: "getPolicy",
  method: "GET",
  path: "/policies/{id}",
  tag,
  summary: "Get a policy's current version",
  role: "viewer",
  params: idParamsSchema,
  response: policyResponseSchema,
  errors: ["not_found"],
});

export const updatePolicyEndpoint = defineEndpoint({
  operationId: "updatePolicy",
  method: "PUT",
  path: "/policies/{id}",
  tag,
  summary: "Save a new version of a policy",
  description: "Every save inserts version n+1; the proxies serve it on their next request.",
  role: "policy_manager",
  params: idParamsSchema,
  body: apiUpdatePolicySchema,
  response: policyResponseSchema,
  errors: ["not_found", "validation_failed"],
});

export const deletePolicyEndpoint = defineEndpoint({
  operationId: "deletePolicy",
  method: "DELETE",
  path: "/policies/{id}",
  tag,
  summary: "Delete a policy; grants that used it deny every call until another is attached",
  role: "policy_manager",
  params: idParamsSchema,
  status: 204,
  errors: ["not_found"],
});

export const listPolicyVersionsEndpoint = defineEndpoint({
  operationId: "listPolicyVersions",
  method: "GET",
  path: "/policies/{id}/versions",
  tag,
  summary: "List every version of a policy, newest first",
  role: "viewer",
  params: idParamsSchema,
  query: pageQuerySchema,
  response: pageOf(policyVersionResponseSchema),
  errors: ["not_found"],
});

export const validatePolicyEndpoint = defineEndpoint({
  operationId: "validatePolicy",
  method: "POST",
  path: "/policies/validate",
  tag,
  summary: "Check a policy document without saving it",
  role: "viewer",
  body: apiValidatePolicySchema,
  response: policyValidationResponseSchema,
});

export const simulatePolicyEndpoint = defineEndpoint({
  operationId: "simulatePolicy",
  method: "POST",
  path: "/policies/{id}/simulate",
  tag,
  summary: "Decide a tool call against the policy's current version, without calling anything",
  description: "Counters are neither read nor reserved: `limits` lists what the call would count against.",
  role: "viewer",
  params: idParamsSchema,
  body: apiSimulateCallSchema,
  response: decisionResponseSchema,
  errors: ["not_found", "validation_failed"],
});
