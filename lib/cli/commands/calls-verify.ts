/**
 * `toolgate calls verify`: asks the API to recompute the organisation's call-log hash chain (SPEC §5)
 * and prints the verdict. A broken chain exits 1, so a scheduled check can alert on it.
 */
import { CHAIN_BREAK_DESCRIPTIONS, type ChainBreakReason } from "@/lib/audit-chain/reasons";
import { isFlagSet, type ParsedArgs } from "../args";
import type { ApiClient } from "../http-client";
import { CliError, EXIT, type Output, printJson } from "../output";

type ChainReport = {
  ok: boolean;
  checkedRows: number;
  unsealedRows: number;
  anchoredAt: { rowId: string; createdAt: string; kind: "genesis" | "trimmed" } | null;
  firstBrokenRowId: string | null;
  reason: ChainBreakReason | null;
};

export async function runCallsVerifyCommand(args: ParsedArgs, client: ApiClient, output: Output): Promise<void> {
  const report = await client.request<ChainReport>("POST", "/calls/verify");
  if (isFlagSet(args, "json")) printJson(output, report);
  else {
    const anchor = report.anchoredAt
      ? ` from call ${report.anchoredAt.rowId} (${report.anchoredAt.kind === "genesis" ? "the first call" : "the oldest left after retention"})`
      : "";
    output.out(`${report.checkedRows} sealed calls checked${anchor}; ${report.unsealedRows} not sealed yet.`);
  }
  if (!report.ok) {
    const reason = report.reason ? CHAIN_BREAK_DESCRIPTIONS[report.reason] : "";
    throw new CliError(`The call log's chain is broken at call ${report.firstBrokenRowId}. ${reason}`, EXIT.failure, report);
  }
  if (!isFlagSet(args, "json")) output.out("The call log is intact.");
}
