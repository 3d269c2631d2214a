import { z } from "zod";
import { approvalNoteSchema, approvalStatusSchema } from "@/lib/validation/approval";
import { isoDateTimeSchema, pageQuerySchema } from "./common";

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const apiApprovalListQuerySchema = pageQuerySchema.extend({
  status: z.preprocess(blankToUndefined, approvalStatusSchema.optional()).meta({ description: "Only approvals in this state; all of them when absent." }),
});

export const apiDecideApprovalSchema = z.object({
  note: approvalNoteSchema.meta({ description: "Shown with the decision in the dashboard and the admin events." }),
});

export const approvalResponseSchema = z
  .object({
    id: z.string(),
    serverId: z.string(),
    serverName: z.string(),
    grantId: z.string(),
    grantLabel: z.string(),
    tool: z.string(),
    status: approvalStatusSchema,
    requestedAt: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema,
    decidedAt: isoDateTimeSchema.nullable(),
    decidedByLabel: z.string().nullable(),
    note: z.string().nullable(),
    consumedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: "Approval" });

export const approvalDetailResponseSchema = approvalResponseSchema
  .extend({
    arguments: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: "The call's arguments. Returned only to keys with the policy manager role or higher; null otherwise." }),
  })
  .meta({ id: "ApprovalDetail" });
