/** Inputs of the API key settings (dashboard forms, so values arrive as text). */
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const createApiKeySchema = z.object({
  name: z
    .string({ error: "Name the key, e.g. after the pipeline that uses it." })
    .trim()
    .min(1, { error: "Name the key, e.g. after the pipeline that uses it." })
    .max(80, { error: "Use at most 80 characters." }),
  role: z.enum(ROLES, { error: "Choose the role the key acts as." }),
  expiresAt: z.preprocess(
    (value) => {
      if (value === "" || value === undefined || value === null) return null;
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(value)) return `${value.length === 10 ? `${value}T00:00` : value}Z`;
      return value;
    },
    z.coerce
      .date({ error: "Enter a valid date." })
      .refine((date) => date.getTime() > Date.now(), { error: "The expiry must be in the future." })
      .nullable(),
  ),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ apiKeyId: z.string().min(1).max(64) });
