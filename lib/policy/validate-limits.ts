/**
 * Validation of limits and of the `rate_limit` shorthand. Counter names identify stored counters
 * (the key is scope + counter + window, never the policy version, so counters survive edits).
 * Sharing rules, checked across the whole document:
 * - Several tools may name the same counter to share one budget, but only with the same window
 *   and scope; otherwise one name would silently mean two different counters.
 * - A counter may appear only once among the limits that apply to one call (the tool's own and
 *   all_tools), because a call would otherwise be counted twice against the same budget.
 */
import { parseArgsPath } from "./paths";
import type { CompiledLimit, Limit, LimitScope } from "./types";
import { describeType, type ErrorSink, expectObject, expectString, joinPointer } from "./validate-helpers";
import { toWindowSeconds } from "./windows";

const SCOPES: readonly LimitScope[] = ["grant", "server", "org", "session"];
const LIMIT_KEYS = ["counter", "window", "max", "scope", "amount_from"] as const;
export const ALL_TOOLS_OWNER = "all_tools";

type CounterUse = { windowSeconds: number; scope: LimitScope; pointer: string; owners: Set<string> };
export type CounterRegistry = Map<string, CounterUse>;
export type ValidatedLimit = { doc: Limit; compiled: CompiledLimit };

export function validateLimit(value: unknown, pointer: string, owner: string, registry: CounterRegistry, sink: ErrorSink): ValidatedLimit | null {
  const object = expectObject(value, pointer, LIMIT_KEYS, sink);
  if (!object) return null;
  const errorCount = sink.errors.length;
  const windowSeconds = toWindowSeconds(object.window);
  if (windowSeconds === null) {
    sink.add(
      joinPointer(pointer, "window"),
      'must be "second", "minute", "hour", "day" or a whole number of seconds from 1 to 2678400 (31 days)',
      object.window,
      "second | minute | hour | day | 1..2678400",
    );
  }
  const max = object.max;
  if (typeof max !== "number" || !Number.isSafeInteger(max) || max < 1) {
    sink.add(joinPointer(pointer, "max"), `must be a positive integer, found ${JSON.stringify(max) ?? "nothing"}`, max, "positive integer");
  }
  const scope = (object.scope ?? "grant") as LimitScope;
  if (!SCOPES.includes(scope)) sink.add(joinPointer(pointer, "scope"), `must be one of ${SCOPES.join(", ")}`, object.scope, SCOPES.join(" | "));
  let amountPath: string[] | null = null;
  if (object.amount_from !== undefined) {
    amountPath = typeof object.amount_from === "string" ? parseArgsPath(object.amount_from) : null;
    if (amountPath === null || amountPath.length === 0) {
      sink.add(
        joinPointer(pointer, "amount_from"),
        `must be a path under args such as "args.amount", found ${describeType(object.amount_from) === "string" ? JSON.stringify(object.amount_from) : describeType(object.amount_from)}`,
        object.amount_from,
        "args.<field>",
      );
    }
  }
  const counter = object.counter === undefined ? `${owner}:${String(object.window)}` : expectString(object.counter, joinPointer(pointer, "counter"), sink);
  if (sink.errors.length > errorCount || counter === null || windowSeconds === null) return null;
  registerCounter(counter, { windowSeconds, scope, pointer, owner }, registry, sink);
  const doc: Limit = { counter, window: object.window as Limit["window"], max: max as number, scope };
  if (object.amount_from !== undefined) doc.amount_from = object.amount_from as string;
  return { doc, compiled: { pointer, counter, scope, max: max as number, windowSeconds, amountPath } };
}

function registerCounter(
  counter: string,
  use: { windowSeconds: number; scope: LimitScope; pointer: string; owner: string },
  registry: CounterRegistry,
  sink: ErrorSink,
): void {
  const counterPointer = joinPointer(use.pointer, "counter");
  const existing = registry.get(counter);
  if (!existing) {
    registry.set(counter, { windowSeconds: use.windowSeconds, scope: use.scope, pointer: use.pointer, owners: new Set([use.owner]) });
    return;
  }
  if (existing.windowSeconds !== use.windowSeconds || existing.scope !== use.scope) {
    sink.add(
      counterPointer,
      `counter "${counter}" is already used at ${existing.pointer} with window ${existing.windowSeconds}s and scope ${existing.scope}; a shared counter needs the same window and scope`,
      counter,
      "a new counter name, or the same window and scope",
    );
    return;
  }
  const isDoubleCounted = existing.owners.has(use.owner) || existing.owners.has(ALL_TOOLS_OWNER) || use.owner === ALL_TOOLS_OWNER;
  if (isDoubleCounted) {
    sink.add(
      counterPointer,
      `counter "${counter}" is already used at ${existing.pointer} by a limit that applies to the same calls, so each call would be counted twice`,
      counter,
      "a counter name used once per call",
    );
    return;
  }
  existing.owners.add(use.owner);
}
