import { apiApprovalListQuerySchema, apiDecideApprovalSchema, approvalDetailResponseSchema, approvalResponseSchema } from "@/lib/validation/api/approvals";
import { idParamsSchema, pageOf } from "@/lib/validation/api/common";
import { defineEndpoint } from "../endpoint";

const tag = "Approvals";

export const listApprovalsEndpoint = defineEndpoint({
  operationId: "listApprovals",
  method: "GET",
  path: "/approvals",
  tag,
  summary: "List approvals (calls held by require_approval), newest first",
  description: "`status=pending` lists the calls waiting for a decision; a pending approval past its expiry is listed as `expired`.",
  role: "viewer",
  query: apiApprovalListQuerySchema,
  response: pageOf(approvalResponseSchema),
  errors: ["validation_failed"],
});

export const getApprovalEndpoint = defineEndpoint({
  operationId: "getApproval",
  method: "GET",
  path: "/approvals/{id}",
  tag,
  summary: "Get one approval, with the call's arguments",
  description: "`arguments` is returned to keys with the policy manager role or higher, like the dashboard shows them; it is null for viewer keys.",
  role: "viewer",
  params: idParamsSchema,
  response: approvalDetailResponseSchema,
  errors: ["not_found"],
});

export const approveApprovalEndpoint = defineEndpoint({
  operationId: "approveApproval",
  method: "POST",
  path: "/approvals/{id}/approve",
  tag,
  summary: "Approve a pending call; the agent's identical retry then runs exactly once",
  description: "Answers 409 `conflict` when the approval is no longer pending (already decided, expired or consumed).",
  role: "policy_manager",
  params: idParamsSchema,
  body: apiDecideApprovalSchema,
  response: approvalResponseSchema,
  errors: ["not_found", "conflict"],
  errorNotes: { conflict: "Or the approval is no longer pending: already decided, expired or consumed." },
});

export const denyApprovalEndpoint = defineEndpoint({
  operationId: "denyApproval",
  method: "POST",
  path: "/approvals/{id}/deny",
  tag,
  summary: "Deny a pending call; the agent's retry is refused with approval_denied",
  description: "Answers 409 `conflict` when the approval is no longer pending (already decided, expired or consumed).",
  role: "policy_manager",
  params: idParamsSchema,
  body: apiDecideApprovalSchema,
  response: approvalResponseSchema,
  errors: ["not_found", "conflict"],
  errorNotes: { conflict: "Or the approval is no longer pending: already decided, expired or consumed." },
});
