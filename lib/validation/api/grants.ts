import { z } from "zod";
import { mintGrantSchema, updateGrantSchema } from "@/lib/validation/grant";
import { isoDateTimeSchema } from "./common";

export const apiMintGrantSchema = mintGrantSchema.omit({ serverId: true });
export const apiUpdateGrantSchema = updateGrantSchema.omit({ grantId: true });

export const grantResponseSchema = z
  .object({
    id: z.string(),
    serverId: z.string(),
    label: z.string(),
    prefix: z.string().meta({ description: "The first characters of the token, to recognise it." }),
    policyId: z.string().nullable(),
    policyName: z.string().nullable(),
    expiresAt: isoDateTimeSchema.nullable(),
    revokedAt: isoDateTimeSchema.nullable(),
    lastUsedAt: isoDateTimeSchema.nullable(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: "Grant" });

export const grantWithTokenResponseSchema = grantResponseSchema
  .extend({ token: z.string().meta({ description: "The bearer token for the proxy. Returned only here: store it now." }) })
  .meta({ id: "GrantWithToken" });
