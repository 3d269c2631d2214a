/**
 * Limit windows are fixed and aligned to UTC (SPEC §2): a window of W seconds starts at a multiple
 * of W seconds since the Unix epoch, so "day" starts at 00:00 UTC and every replica computes the
 * same window, and so the same counter key, for the same instant without talking to the others.
 */
import type { WindowName } from "./types";

export const WINDOW_SECONDS: Record<WindowName, number> = { second: 1, minute: 60, hour: 3600, day: 86_400 };

/** Longer windows would make counters effectively permanent; a month is the longest we accept. */
export const MAX_WINDOW_SECONDS = 31 * 86_400;

/** Returns the window length in seconds, or null when the value is not an accepted window. */
export function toWindowSeconds(window: unknown): number | null {
  if (typeof window === "string") return Object.hasOwn(WINDOW_SECONDS, window) ? WINDOW_SECONDS[window as WindowName] : null;
  if (typeof window === "number" && Number.isInteger(window) && window > 0 && window <= MAX_WINDOW_SECONDS) return window;
  return null;
}

/** Start of the window containing `epochMs`, in whole epoch seconds. */
export function alignWindowStart(epochMs: number, windowSeconds: number): number {
  const epochSeconds = Math.floor(epochMs / 1000);
  return epochSeconds - (epochSeconds % windowSeconds);
}
