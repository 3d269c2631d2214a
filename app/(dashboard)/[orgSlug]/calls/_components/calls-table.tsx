import Link from "next/link";
import { DecisionBadge } from "@/components/decision-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { CallDto } from "@/lib/db/calls";

/** Log rows need seconds, which the shared date format leaves out; ISO order also sorts as text. */
function formatLogTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function CallsTable({ orgSlug, calls, serverNames }: { orgSlug: string; calls: CallDto[]; serverNames: Record<string, string> }) {
  return (
    <Table caption="Calls" data-testid="calls-table">
      <THead>
        <TR>
          <TH>Time</TH>
          <TH>Decision</TH>
          <TH>Method / tool</TH>
          <TH>Grant</TH>
          <TH>Server</TH>
          <TH>Code</TH>
          <TH className="text-right">Total</TH>
        </TR>
      </THead>
      <TBody>
        {calls.map((call) => (
          <TR key={call.id} data-testid="call-row">
            <TD className="whitespace-nowrap">
              <Link href={`/${orgSlug}/calls/${call.id}`} className="text-accent-700 hover:underline">
                {formatLogTime(call.createdAt)}
              </Link>
            </TD>
            <TD>
              <DecisionBadge decision={call.decision} />
            </TD>
            <TD>
              <div className="font-mono text-xs text-zinc-500">{call.method}</div>
              {call.tool ? <div className="font-mono">{call.tool}</div> : null}
            </TD>
            <TD className="whitespace-nowrap">{call.grantLabel}</TD>
            <TD>{serverNames[call.serverId] ?? <span className="text-zinc-400">deleted</span>}</TD>
            <TD className="font-mono text-xs">{call.code}</TD>
            <TD className="text-right whitespace-nowrap tabular-nums">{call.totalMs} ms</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
