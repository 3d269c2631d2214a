"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createApiKey, revokeApiKey } from "@/lib/db/api-keys";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validation/api/api-key";

export const createApiKeyAction = defineAction({ schema: createApiKeySchema, role: "admin" }, async ({ org, input, actor }) => {
  const { apiKey, token } = await createApiKey({ orgId: org.id, name: input.name, role: input.role, expiresAt: input.expiresAt, actor });
  return { apiKeyId: apiKey.id, token };
});

export const revokeApiKeyAction = defineAction({ schema: revokeApiKeySchema, role: "admin" }, async ({ org, input, actor }) => {
  await revokeApiKey({ orgId: org.id, apiKeyId: input.apiKeyId, actor });
  return null;
});
