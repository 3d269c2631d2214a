import { idParamsSchema, pageOf, pageQuerySchema } from "@/lib/validation/api/common";
import { apiMintGrantSchema, apiUpdateGrantSchema, grantResponseSchema, grantWithTokenResponseSchema } from "@/lib/validation/api/grants";
import { defineEndpoint } from "../endpoint";

const tag = "Grants";

export const listGrantsEndpoint = defineEndpoint({
  operationId: "listServerGrants",
  method: "GET",
  path: "/servers/{id}/grants",
  tag,
  summary: "List a server's grants",
  role: "viewer",
  params: idParamsSchema,
  query: pageQuerySchema,
  response: pageOf(grantResponseSchema),
  errors: ["not_found"],
});

export const mintGrantEndpoint = defineEndpoint({
  operationId: "mintGrant",
  method: "POST",
  path: "/servers/{id}/grants",
  tag,
  summary: "Mint a grant (one agent identity on this server)",
  description:
    "The response is the only time the token is returned. Send an Idempotency-Key so that a retry returns the same token instead of minting another.",
  role: "admin",
  params: idParamsSchema,
  body: apiMintGrantSchema,
  response: grantWithTokenResponseSchema,
  status: 201,
  errors: ["not_found", "validation_failed"],
});

export const updateGrantEndpoint = defineEndpoint({
  operationId: "updateGrant",
  method: "PATCH",
  path: "/grants/{id}",
  tag,
  summary: "Change a grant's label, policy or expiry",
  description: "`policyId: null` detaches the policy (calls are then denied); `expiresAt: null` removes the expiry.",
  role: "admin",
  params: idParamsSchema,
  body: apiUpdateGrantSchema,
  response: grantResponseSchema,
  errors: ["not_found", "validation_failed"],
});

export const revokeGrantEndpoint = defineEndpoint({
  operationId: "revokeGrant",
  method: "DELETE",
  path: "/grants/{id}",
  tag,
  summary: "Revoke a grant; its token stops working on the next request",
  role: "admin",
  params: idParamsSchema,
  response: grantResponseSchema,
  errors: ["not_found"],
});

export const rotateGrantEndpoint = defineEndpoint({
  operationId: "rotateGrant",
  method: "POST",
  path: "/grants/{id}/rotate",
  tag,
  summary: "Replace a grant's token; the old one stops working",
  role: "admin",
  params: idParamsSchema,
  response: grantWithTokenResponseSchema,
  errors: ["not_found"],
});
