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
