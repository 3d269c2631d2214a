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

/** A `datetime-local` value ("2026-03-01T12:00") has no zone; the forms say UTC, so read it as UTC. */
function readUtcDateInput(value: unknown): unknown {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(value)) return `${value.length === 10 ? `${value}T00:00` : value}Z`;
  return value;
}

const futureExpirySchema = z.preprocess(
  readUtcDateInput,
  z.coerce.date({ error: "Enter a valid date and time." }).refine((date) => date.getTime() > Date.now(), { error: "The expiry must be in the future." }),
);

const expirySchema = z.preprocess(blankToNull, futureExpirySchema.nullable());

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

/**
 * The dashboard's edit form. "Never" is an explicit choice rather than a date field left blank, so
 * clearing a field by accident cannot remove an expiry; a date is required only with "on a date".
 */
export const editGrantFormSchema = z
  .object({
    grantId: idSchema("grant"),
    label: grantLabelSchema,
    expiry: z.enum(["never", "at"], { error: "Choose Never or a date." }),
    expiresAt: z.string().optional(),
  })
  .transform(({ grantId, label, expiry, expiresAt }, context) => {
    if (expiry === "never") return { grantId, label, expiresAt: null };
    if (!expiresAt) {
      context.addIssue({ code: "custom", path: ["expiresAt"], message: "Choose the date and time the grant expires, or Never." });
      return z.NEVER;
    }
    const date = futureExpirySchema.safeParse(expiresAt);
    if (!date.success) {
      for (const issue of date.error.issues) context.addIssue({ code: "custom", path: ["expiresAt"], message: issue.message });
      return z.NEVER;
    }
    return { grantId, label, expiresAt: date.data };
  });
export type EditGrantFormInput = z.infer<typeof editGrantFormSchema>;

export const grantIdSchema = z.object({ grantId: idSchema("grant") });
