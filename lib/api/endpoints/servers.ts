import { z } from "zod";
import { idParamsSchema, pageOf, pageQuerySchema } from "@/lib/validation/api/common";
import {
  apiCreateServerSchema,
  apiUpdateServerSchema,
  refreshToolsResponseSchema,
  serverResponseSchema,
  toolResponseSchema,
} from "@/lib/validation/api/servers";
import { defineEndpoint } from "../endpoint";

const tag = "Servers";

export const listServersEndpoint = defineEndpoint({
  operationId: "listServers",
  method: "GET",
  path: "/servers",
  tag,
  summary: "List the organisation's MCP servers",
  role: "viewer",
  query: pageQuerySchema,
  response: pageOf(serverResponseSchema),
});

export const createServerEndpoint = defineEndpoint({
  operationId: "createServer",
  method: "POST",
  path: "/servers",
  tag,
  summary: "Register an upstream MCP server",
  description:
    "Headers are stored encrypted and sent upstream by the proxy; they are never returned. Private and loopback upstreams are refused unless the instance allows them.",
  role: "admin",
  body: apiCreateServerSchema,
  response: serverResponseSchema,
  status: 201,
  errors: ["validation_failed"],
});

export const getServerEndpoint = defineEndpoint({
  operationId: "getServer",
  method: "GET",
  path: "/servers/{id}",
  tag,
  summary: "Get a server",
  role: "viewer",
  params: idParamsSchema,
  response: serverResponseSchema,
  errors: ["not_found"],
});

export const updateServerEndpoint = defineEndpoint({
  operationId: "updateServer",
  method: "PATCH",
  path: "/servers/{id}",
  tag,
  summary: "Change a server's name, URL or upstream headers",
  role: "admin",
  params: idParamsSchema,
  body: apiUpdateServerSchema,
  response: serverResponseSchema,
  errors: ["not_found", "validation_failed"],
});

export const deleteServerEndpoint = defineEndpoint({
  operationId: "deleteServer",
  method: "DELETE",
  path: "/servers/{id}",
  tag,
  summary: "Delete a server with its tools, policies and grants",
  role: "admin",
  params: idParamsSchema,
  status: 204,
  errors: ["not_found"],
});

export const refreshToolsEndpoint = defineEndpoint({
  operationId: "refreshServerTools",
  method: "POST",
  path: "/servers/{id}/refresh-tools",
  tag,
  summary: "Read the upstream's tools/list into the catalogue",
  description: "New tools are added, changed definitions are marked as drift, missing tools as removed.",
  role: "admin",
  params: idParamsSchema,
  response: refreshToolsResponseSchema,
  errors: ["not_found", "validation_failed", "unavailable"],
});

export const listToolsEndpoint = defineEndpoint({
  operationId: "listServerTools",
  method: "GET",
  path: "/servers/{id}/tools",
  tag,
  summary: "List a server's tool catalogue",
  role: "viewer",
  params: idParamsSchema,
  query: pageQuerySchema.extend({
    includeRemoved: z.enum(["true", "false"]).optional().meta({ description: "Also list tools the upstream no longer offers." }),
  }),
  response: pageOf(toolResponseSchema),
  errors: ["not_found"],
});
