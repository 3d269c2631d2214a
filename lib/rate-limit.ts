import "server-only";
/**
 * Named limiters for the dashboard and API (the proxy's policy limits use the same counters).
 * Windows are fixed and aligned to UTC. If the counter store cannot be reached the limiter throws,
 * and callers deny: an attacker who can knock out the database must not get unlimited attempts.
 */
import { createHash } from "node:crypto";
import { reserveCounters } from "@/lib/db/quota-counters";

export type LimitResult = { allowed: boolean; limit: number; remaining: number; resetAt: Date };

type Limiter = { name: string; max: number; windowSeconds: number };

export const signInLimiter = {
  perEmail: { name: "signin-email", max: 10, windowSeconds: 900 },
  perIp: { name: "signin-ip", max: 50, windowSeconds: 900 },
} as const;
export const signUpLimiter: Limiter = { name: "signup-ip", max: 20, windowSeconds: 3600 };
/** /api/v1: requests per API key, and failed authentications per client IP (guessing keys). */
export const apiKeyLimiter = {
  perKey: { name: "api-key", max: 1200, windowSeconds: 60 },
  authFailuresPerIp: { name: "api-auth-failure-ip", max: 100, windowSeconds: 900 },
} as const;

function windowOf(now: Date, windowSeconds: number): { start: number; end: Date } {
  const start = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
  return { start, end: new Date((start + windowSeconds) * 1000) };
}

/** Identifiers are hashed so that emails and IPs do not sit in the counter table in clear. */
function counterKey(limiter: Limiter, identifier: string, windowStart: number): string {
  const digest = createHash("sha256").update(identifier.toLowerCase()).digest("hex").slice(0, 32);
  return `limiter:${limiter.name}:${digest}:${limiter.windowSeconds}:${windowStart}`;
}

/** Counts one attempt against every (limiter, identifier) pair at once; all must have room. */
export async function consumeLimits(checks: Array<{ limiter: Limiter; identifier: string }>, now = new Date()): Promise<LimitResult> {
  const windows = checks.map(({ limiter }) => windowOf(now, limiter.windowSeconds));
  const result = await reserveCounters({
    orgId: null,
    reservations: checks.map(({ limiter, identifier }, index) => ({
      key: counterKey(limiter, identifier, (windows[index] as { start: number }).start),
      amount: 1,
      max: limiter.max,
      windowEnd: (windows[index] as { end: Date }).end,
    })),
  });
  const first = checks[0]?.limiter;
  if (!result.allowed) {
    const failed = checks[result.failedIndex]?.limiter ?? first;
    return { allowed: false, limit: failed?.max ?? 0, remaining: 0, resetAt: (windows[result.failedIndex] ?? windows[0])?.end ?? now };
  }
  return { allowed: true, limit: first?.max ?? 0, remaining: Math.max(0, (first?.max ?? 0) - (result.counts[0] ?? 0)), resetAt: windows[0]?.end ?? now };
}
