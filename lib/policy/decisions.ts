/**
 * Constructors for decisions. Constant decisions are frozen and shared, so the common cases (plain
 * allow, default deny, tool denied) cost no allocation on the hot path; callers must treat every
 * Decision as read-only, which the readonly type fields already say.
 */
import type { Decision, DecisionCode, DecisionOutcome, LimitReservation } from "./types";

export const NO_RESERVATIONS: readonly LimitReservation[] = Object.freeze([]);

export function createDecision(
  outcome: DecisionOutcome,
  code: DecisionCode,
  rule: string,
  message?: string,
  reservations: readonly LimitReservation[] = NO_RESERVATIONS,
): Decision {
  const decision: { -readonly [K in keyof Decision]: Decision[K] } = { outcome, code, rule, reservations };
  if (message !== undefined) decision.message = message;
  return decision;
}

export function freezeDecision(decision: Decision): Decision {
  return Object.freeze(decision);
}

export const NO_POLICY_DECISION = freezeDecision(
  createDecision("deny", "no_policy", "(no policy)", "No policy is attached to this grant, so every call is denied. Ask an administrator to attach one."),
);

export const DEFAULT_DENY_RULE = "(default deny)";
export const DEFAULT_ALLOW_RULE = "(default allow)";
export const HIDDEN_RULE = "(hidden)";

/** Built from the reservation that could not be made: the caller knows which one failed. */
export function rateLimitedDecision(reservation: LimitReservation, now: Date): Decision {
  const resetMs = reservation.windowEnd.getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((resetMs - now.getTime()) / 1000));
  const resetAt = reservation.windowEnd.toISOString();
  const message = `Rate limit reached: counter "${reservation.counter}" allows ${reservation.max} per window (${reservation.scope} scope). The window resets at ${resetAt}; retry after ${retryAfterSeconds} s.`;
  return { ...createDecision("deny", "rate_limited", reservation.rule, message), retryAfterSeconds, resetAt };
}

/** For the approval flow (SPEC §4): a human denied the held call, optionally with a note. */
export function approvalDeniedDecision(rule: string, note?: string | null, approvalId?: string): Decision {
  const message = note ? `An approver denied this call: ${note}` : "An approver denied this call.";
  const decision = createDecision("deny", "approval_denied", rule, message);
  return approvalId ? { ...decision, approvalId } : decision;
}

export function approvalExpiredDecision(rule: string, approvalId?: string): Decision {
  const decision = createDecision("deny", "approval_expired", rule, "The approval request for this call expired before anyone decided. Try again later.");
  return approvalId ? { ...decision, approvalId } : decision;
}

/**
 * Not decided within the hold: the call did not run. The agent reads the policy's reason, which
 * approval it waits for, and that the identical call, retried later, runs once when approved.
 */
export function approvalPendingDecision(pending: Decision, approvalId: string, { isClientClosed = false } = {}): Decision {
  const waiting = isClientClosed
    ? `The client closed the request while the call awaited approval ${approvalId}; it did not run.`
    : `The call awaits approval ${approvalId} by a person and did not run.`;
  const retry = "Retry the same call (same tool and arguments) later: once it is approved, the retry runs exactly once.";
  const message = [pending.message, waiting, retry].filter(Boolean).join(" ");
  return { ...createDecision("deny", "approval_pending", pending.rule, message), approvalId };
}

/** Approved by a person: the call proceeds with the limits the policy still applies (SPEC §2 step 7). */
export function approvedDecision(pending: Decision, approvalId: string): Decision {
  return { ...createDecision("allow", "allowed", pending.rule, `Approved (${approvalId}).`, pending.reservations), approvalId };
}
