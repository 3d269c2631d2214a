/**
 * Grant inputs, shared by dashboard actions and `/api/v1`. Form fields arrive as text: a blank
 * policy means "no policy" and a blank expiry means "never". Dates without a zone are UTC.
 */
import { z } from "zod";

const idSchema = (what: string) =>
  z
    .string({ error: `Missing ${what}.` })
    .trim()
    .min(1, { error: `Missing ${what}.` })
    .max(64);

export const grantLabelSchema = z
  .string({ error: "Give the grant a label, e.g. the agent's name." })
  .trim()
  .min(1, { error: "Give the grant a label, e.g. the agent's name." })
  .max(80, { error: "Use at most 80 characters." });

const blankToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

const expirySchema = z.preprocess(
  (value) => {
    if (value === "" || value === null || value === undefined) return null;
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(value)) return `${value.length === 10 ? `${value}T00:00` : value}Z`;
    return value;
  },
  z.coerce
    .date({ error: "Enter a valid date and time." })
    .refine((date) => date.getTime() > Date.now(), { error: "The expiry must be in the future." })
    .nullable(),
);

export const mintGrantSchema = z.object({
  serverId: idSchema("server"),
  label: grantLabelSchema,
  policyId: z.preprocess(blankToNull, z.string().max(64).nullable()).optional(),
  expiresAt: expirySchema.optional(),
});
export type MintGrantInput = z.infer<typeof mintGrantSchema>;

/** Absent fields stay unchanged; a present blank policy detaches it, a present blank expiry removes it. */
export const updateGrantSchema = z.object({
  grantId: idSchema("grant"),
  label: grantLabelSchema.optional(),
  policyId: z.preprocess((value) => (value === "" ? null : value), z.string().max(64).nullable().optional()),
  expiresAt: z.preprocess((value) => (value === undefined ? undefined : value), expirySchema.optional()),
});
export type UpdateGrantInput = z.infer<typeof updateGrantSchema>;

export const grantIdSchema = z.object({ grantId: idSchema("grant") });
