/**
 * Approval timeouts are written as "20s", "30m", "2h" or "1d". A closed format keeps documents
 * unambiguous ("30" could be seconds or minutes) and easy to show back to people.
 */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const DEFAULT_APPROVAL_TIMEOUT_MS = 30 * 60_000;
/** A pending approval older than a week is almost certainly forgotten; refuse longer timeouts. */
export const MAX_APPROVAL_TIMEOUT_MS = 7 * 86_400_000;

/** Parses "30m" into milliseconds; null when the text is not a positive duration within bounds. */
export function parseDurationMs(text: unknown): number | null {
  if (typeof text !== "string") return null;
  const match = /^([1-9][0-9]{0,6})([smhd])$/.exec(text);
  if (!match) return null;
  const ms = Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  return ms <= MAX_APPROVAL_TIMEOUT_MS ? ms : null;
}
