import { setTimeout as delay } from "node:timers/promises";
import { isFlagSet, type ParsedArgs, stringOption } from "../args";
import type { ApiClient } from "../http-client";
import { CliError, EXIT, type Output } from "../output";
import { runCallsVerifyCommand } from "./calls-verify";

type Call = { id: string; createdAt: string; grantLabel: string; method: string; tool: string | null; decision: string; code: string; totalMs: number };

export const CALL_FILTERS = ["server", "grant", "tool", "decision", "code", "from", "to"] as const;

function formatCall(call: Call): string {
  return [call.createdAt, call.decision.padEnd(9), call.code.padEnd(18), call.grantLabel, call.tool ?? call.method, `${call.totalMs}ms`].join("  ");
}

/**
 * Prints the newest calls matching the filters, oldest first, then with --follow polls for newer
 * ones every --interval seconds until interrupted. With --json each call is one JSON line.
 */
export async function runCallsCommand(
  subcommand: string | undefined,
  args: ParsedArgs,
  client: ApiClient,
  output: Output,
  signal?: AbortSignal,
): Promise<void> {
  if (subcommand === "verify") return runCallsVerifyCommand(args, client, output);
  if (subcommand !== "tail")
    throw new CliError(`Usage: toolgate calls verify | toolgate calls tail [--${CALL_FILTERS.join(" V] [--")} V] [--limit N] [--follow] [--json]`, EXIT.usage);
  const query = {
    serverId: stringOption(args, "server"),
    grantId: stringOption(args, "grant"),
    tool: stringOption(args, "tool"),
    decision: stringOption(args, "decision"),
    code: stringOption(args, "code"),
    from: stringOption(args, "from"),
    to: stringOption(args, "to"),
  };
  const limit = stringOption(args, "limit") ?? "20";
  const json = isFlagSet(args, "json");
  const print = (call: Call) => output.out(json ? JSON.stringify(call) : formatCall(call));
  const seen = new Set<string>();
  const first = await client.request<{ items: Call[] }>("GET", "/calls", { query: { ...query, limit } });
  for (const call of [...first.items].reverse()) {
    seen.add(call.id);
    print(call);
  }
  if (!isFlagSet(args, "follow")) return;
  const intervalMs = Math.max(1, Number(stringOption(args, "interval") ?? "2")) * 1000;
  let since = first.items[0]?.createdAt ?? new Date().toISOString();
  while (!signal?.aborted) {
    await delay(intervalMs, undefined, { signal }).catch(() => undefined);
    if (signal?.aborted) return;
    const page = await client.request<{ items: Call[] }>("GET", "/calls", { query: { ...query, from: since, limit: "500" } });
    for (const call of [...page.items].reverse()) {
      if (seen.has(call.id)) continue;
      seen.add(call.id);
      print(call);
      since = call.createdAt;
    }
  }
}
