/**
 * Turns the limits that apply to a call into counter reservations for the caller to make
 * atomically, all or none (SPEC §2 step 7).
 * Key: `${scope}:${scopeId}:${counter}:${windowSeconds}:${windowStartEpochSeconds}`. It holds no
 * policy id or version, so counters survive policy edits; it holds the window length, so changing
 * a limit's window starts a fresh counter instead of reinterpreting an old one. Ids are cuids
 * without ":"; session ids come from clients, so they are URI-encoded to keep keys unambiguous.
 * Session scope without a session (stateless MCP, or a client that sent none) falls back to grant
 * scope: the grant is the narrowest identity we still have, and failing open is not an option.
 * Building keys and Dates dominated the cost of a decision, so each limit remembers its last
 * window (a one-entry cache: consecutive calls of one grant mostly fall in the same window).
 * The cached Date objects are shared between reservations; treat them as read-only.
 */
import { MISSING, resolveArgsPath } from "./paths";
import type { CompiledLimit, LimitReservation, LimitScope, ToolArguments } from "./types";
import { alignWindowStart } from "./windows";

export type CallContext = { orgId: string; serverId: string; grantId: string; sessionId?: string | null };

/** Returns every reservation, or the first limit whose amount could not be read from the arguments. */
export function buildReservations(
  groups: readonly (readonly CompiledLimit[])[],
  args: ToolArguments,
  context: CallContext,
  now: Date,
): LimitReservation[] | CompiledLimit {
  const reservations: LimitReservation[] = [];
  const nowMs = now.getTime();
  for (const limits of groups) {
    for (const limit of limits) {
      const amount = limit.amountPath === null ? 1 : resolveArgsPath(args, limit.amountPath);
      if (!isValidAmount(amount)) return limit;
      const window = resolveWindow(limit, context, nowMs);
      reservations.push({
        key: window.key,
        rule: limit.pointer,
        counter: limit.counter,
        scope: window.scope,
        amount,
        max: limit.max,
        windowStart: window.windowStart,
        windowEnd: window.windowEnd,
      });
    }
  }
  return reservations;
}

type ResolvedWindow = { scope: LimitScope; scopeId: string; start: number; key: string; windowStart: Date; windowEnd: Date };
const lastWindows = new WeakMap<CompiledLimit, ResolvedWindow>();

function resolveWindow(limit: CompiledLimit, context: CallContext, nowMs: number): ResolvedWindow {
  const [scope, scopeId] = resolveScope(limit.scope, context);
  const start = alignWindowStart(nowMs, limit.windowSeconds);
  const last = lastWindows.get(limit);
  if (last && last.start === start && last.scopeId === scopeId && last.scope === scope) return last;
  const resolved: ResolvedWindow = {
    scope,
    scopeId,
    start,
    key: `${scope}:${scopeId}:${limit.counter}:${limit.windowSeconds}:${start}`,
    windowStart: new Date(start * 1000),
    windowEnd: new Date((start + limit.windowSeconds) * 1000),
  };
  lastWindows.set(limit, resolved);
  return resolved;
}

function isValidAmount(amount: unknown): amount is number {
  return amount !== MISSING && typeof amount === "number" && Number.isFinite(amount) && amount >= 0;
}

function resolveScope(scope: LimitScope, context: CallContext): [LimitScope, string] {
  switch (scope) {
    case "org":
      return ["org", context.orgId];
    case "server":
      return ["server", context.serverId];
    case "session":
      return context.sessionId ? ["session", encodeURIComponent(context.sessionId)] : ["grant", context.grantId];
    default:
      return ["grant", context.grantId];
  }
}
