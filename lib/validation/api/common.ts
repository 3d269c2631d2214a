/**
 * Pieces shared by the /api/v1 schemas: path ids, cursor pagination and the list envelope. The
 * field rules of each entity live in lib/validation/<entity>.ts; the API files only compose them.
 */
import { z } from "zod";

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const apiIdSchema = z.string().min(1).max(64);

export const idParamsSchema = z.object({ id: apiIdSchema });

export const API_PAGE_MAX = 200;

export const pageQuerySchema = z.object({
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()).meta({ description: "The `nextCursor` of the previous page." }),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(1, { error: "Limit is at least 1." })
      .max(API_PAGE_MAX, { error: `Limit is at most ${API_PAGE_MAX}.` })
      .optional(),
  ),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export const isoDateTimeSchema = z.iso.datetime();

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum([
        "bad_request",
        "validation_failed",
        "unauthenticated",
        "forbidden",
        "not_found",
        "conflict",
        "rate_limited",
        "payload_too_large",
        "unavailable",
        "internal",
      ]),
      message: z.string(),
      details: z
        .object({
          fieldErrors: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per field, keyed by dotted path." }),
          retryAfterSeconds: z.number().optional(),
        })
        .catchall(z.unknown())
        .optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: "Error" });
