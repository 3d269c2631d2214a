/**
 * Filters of the call log, shared by the dashboard explorer, the export route and `/api/v1/calls`.
 * Values arrive as query-string text: empty strings mean "no filter" (a GET form sends every
 * field), and dates are ISO 8601. A date without a zone is read as UTC, because the dashboard
 * shows every time in UTC and a `datetime-local` input sends no zone.
 */
import { z } from "zod";

export const CALL_DECISIONS = ["allowed", "denied", "hidden", "pending", "error", "forwarded"] as const;
export type CallDecisionValue = (typeof CALL_DECISIONS)[number];

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalText = (max: number, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(max, { error: `${what} is too long.` })
      .optional(),
  );

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/;

const isoDate = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .transform((text, context) => {
        const date = new Date(LOCAL_DATE_TIME.test(text) ? `${text.length === 10 ? `${text}T00:00` : text}Z` : text);
        if (Number.isNaN(date.getTime())) {
          context.addIssue({ code: "custom", message: `${what} must be an ISO 8601 date, e.g. 2026-01-31T09:00:00Z.` });
          return z.NEVER;
        }
        return date;
      })
      .optional(),
  );

export const callFiltersSchema = z
  .object({
    serverId: optionalText(64, "Server id"),
    grantId: optionalText(64, "Grant id"),
    tool: optionalText(256, "Tool name"),
    decision: z.preprocess(blankToUndefined, z.enum(CALL_DECISIONS, { error: `Decision must be one of ${CALL_DECISIONS.join(", ")}.` }).optional()),
    code: optionalText(64, "Code"),
    method: optionalText(128, "Method"),
    from: isoDate("From"),
    to: isoDate("To"),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from < filters.to, { error: "From must be before To.", path: ["to"] });
export type CallFilters = z.infer<typeof callFiltersSchema>;

export const CALL_PAGE_MAX = 500;

/** Filters plus the keyset cursor and page size, for list endpoints. */
export const callListQuerySchema = z.intersection(
  callFiltersSchema,
  z.object({
    cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce
        .number()
        .int()
        .min(1)
        .max(CALL_PAGE_MAX, { error: `Limit is at most ${CALL_PAGE_MAX}.` })
        .optional(),
    ),
  }),
);
export type CallListQuery = z.infer<typeof callListQuerySchema>;

export const callExportFormatSchema = z.preprocess(blankToUndefined, z.enum(["csv", "ndjson"]).default("csv"));

/** Reads URLSearchParams or Next's searchParams object into a plain record of the first values. */
export function searchParamsToObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [key, value] of params) if (!(key in out)) out[key] = value;
    return out;
  }
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** The inverse of callFiltersSchema: filters back into query-string values (dates as ISO). */
export function callFiltersToSearchParams(filters: CallFilters, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value instanceof Date) params.set(key, value.toISOString());
    else if (typeof value === "string" && value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params;
}
