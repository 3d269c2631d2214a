import { callChainReportSchema } from "@/lib/validation/api/calls-verify";
import { pageOf } from "@/lib/validation/api/common";
import { adminEventResponseSchema, apiAdminEventListQuerySchema, apiCallListQuerySchema, callResponseSchema } from "@/lib/validation/api/events";
import { defineEndpoint } from "../endpoint";

export const listCallsEndpoint = defineEndpoint({
  operationId: "listCalls",
  method: "GET",
  path: "/calls",
  tag: "Logs",
  summary: "Search the call log, newest first",
  description: "The explorer's filters as query parameters. Dates are ISO 8601 (UTC when no zone is given); `to` is exclusive.",
  role: "viewer",
  query: apiCallListQuerySchema,
  response: pageOf(callResponseSchema),
  errors: ["validation_failed"],
});

export const listAdminEventsEndpoint = defineEndpoint({
  operationId: "listAdminEvents",
  method: "GET",
  path: "/admin-events",
  tag: "Logs",
  summary: "List admin events (every change, with its actor), newest first",
  role: "admin",
  query: apiAdminEventListQuerySchema,
  response: pageOf(adminEventResponseSchema),
  errors: ["validation_failed"],
});

export const verifyCallChainEndpoint = defineEndpoint({
  operationId: "verifyCallChain",
  method: "POST",
  path: "/calls/verify",
  tag: "Logs",
  summary: "Verify the call log's tamper-evidence chain",
  description:
    "Recomputes the hash chain of the key's organisation (SPEC §5): every sealed row must match its hash and link to the sealed row before it. Rows are sealed in the background once they are final (about 10 minutes); younger rows are counted as unsealed. When retention has deleted the oldest rows, the check starts at the oldest row left and says so in `anchoredAt`.",
  role: "viewer",
  response: callChainReportSchema,
});
