import { z } from "zod";

export const APPROVAL_STATUSES = ["pending", "approved", "denied", "expired", "consumed"] as const;
export const approvalStatusSchema = z.enum(APPROVAL_STATUSES, { error: "Choose pending, approved, denied, expired or consumed." });

export const APPROVAL_NOTE_MAX = 500;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The optional note an approver leaves with a decision; blank means none. */
export const approvalNoteSchema = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(APPROVAL_NOTE_MAX, { error: `Keep the note under ${APPROVAL_NOTE_MAX} characters.` })
    .optional(),
);

export const approvalDecisionSchema = z.enum(["approve", "deny"], { error: "Choose approve or deny." });
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

export const decideApprovalSchema = z.object({
  approvalId: z.string().min(1, { error: "Approval not found." }).max(64, { error: "Approval not found." }),
  decision: approvalDecisionSchema,
  note: approvalNoteSchema,
});
export type DecideApprovalInput = z.infer<typeof decideApprovalSchema>;

/** The inbox's tabs and paging, read from the page's search params; anything unknown falls back to the pending tab. */
export const approvalInboxQuerySchema = z.object({
  view: z.enum(["pending", "history"]).catch("pending"),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type ApprovalInboxQuery = z.infer<typeof approvalInboxQuerySchema>;

/** The approval webhook form. Saving a URL generates a new signing secret, shown once. */
export const approvalWebhookSchema = z.object({
  url: z
    .string({ error: "Enter the URL to notify." })
    .trim()
    .min(1, { error: "Enter the URL to notify." })
    .max(2000, { error: "Keep the URL under 2000 characters." })
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." })),
});
export type ApprovalWebhookInput = z.infer<typeof approvalWebhookSchema>;

/** Removing the webhook takes no fields besides the organisation. */
export const removeApprovalWebhookSchema = z.object({});
