/**
 * The dashboard's server forms: the same rules as createServerSchema, with headers written one per
 * line ("Name: value") in a textarea. Header values are secrets and are never echoed back.
 */
import { z } from "zod";
import { parseHeaderLines, serverNameSchema, serverUrlSchema, upstreamHeadersSchema } from "./server";

export const headerLinesSchema = z
  .string()
  .optional()
  .transform((text, context) => {
    const { headers, errors } = parseHeaderLines(text ?? "");
    for (const message of errors) context.addIssue({ code: "custom", message });
    const checked = upstreamHeadersSchema.safeParse(headers);
    if (!checked.success) for (const issue of checked.error.issues) context.addIssue({ code: "custom", message: issue.message });
    return headers;
  });

export const createServerFormSchema = z.object({ name: serverNameSchema, url: serverUrlSchema, headers: headerLinesSchema });
export type CreateServerFormInput = z.infer<typeof createServerFormSchema>;

export const testConnectionFormSchema = z.object({ url: serverUrlSchema, headers: headerLinesSchema });

export const updateServerFormSchema = z.object({ serverId: z.string().min(1).max(64), name: serverNameSchema, url: serverUrlSchema });

export const setCredentialsFormSchema = z.object({ serverId: z.string().min(1).max(64), headers: headerLinesSchema });
