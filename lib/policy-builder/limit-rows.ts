/**
 * Limit rows of the visual builder: every field is the text the author typed, and turning a row
 * into a limit only converts what is unambiguous (digits to numbers, blank to "left out"). Anything
 * else is passed through as written, so the engine's own validation (lib/policy/validate-limits.ts)
 * judges it and its error carries the JSON pointer of the field.
 */
import type { Limit, LimitScope, WindowName } from "@/lib/policy/types";
import { WINDOW_SECONDS } from "@/lib/policy/windows";

export type LimitRow = {
  /** Blank: the engine derives `<tool>:<window>`. */
  counter: string;
  /** "second" | "minute" | "hour" | "day", or a whole number of seconds. */
  window: string;
  max: string;
  /** Blank: left out, which the engine reads as "grant". */
  scope: "" | LimitScope;
  /** Blank: each call counts 1. */
  amountFrom: string;
};

export const WINDOW_NAMES = Object.keys(WINDOW_SECONDS) as WindowName[];
export const LIMIT_SCOPES: readonly LimitScope[] = ["grant", "server", "org", "session"];

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export function newLimitRow(): LimitRow {
  return { counter: "", window: "minute", max: "60", scope: "grant", amountFrom: "" };
}

export function limitToRow(limit: Partial<Limit>): LimitRow {
  return {
    counter: limit.counter ?? "",
    window: limit.window === undefined ? "" : String(limit.window),
    max: limit.max === undefined ? "" : String(limit.max),
    scope: limit.scope ?? "",
    amountFrom: limit.amount_from ?? "",
  };
}

export function rowToLimit(row: LimitRow): Record<string, unknown> {
  const limit: Record<string, unknown> = {};
  if (row.counter !== "") limit.counter = row.counter;
  const window = row.window.trim();
  if (window !== "") limit.window = INTEGER.test(window) ? Number(window) : window;
  const max = row.max.trim();
  if (max !== "") limit.max = NUMBER.test(max) ? Number(max) : max;
  if (row.scope !== "") limit.scope = row.scope;
  if (row.amountFrom !== "") limit.amount_from = row.amountFrom;
  return limit;
}
