import { Card } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { SecurityEventDto } from "@/lib/db/security-events";
import { formatDateTime } from "@/lib/format";

const KIND_LABELS: Record<string, string> = {
  "auth.missing_token": "Missing token",
  "auth.invalid_token": "Invalid token",
  "auth.wrong_server": "Token for another server",
};

export function SecurityEventsTable({ events }: { events: SecurityEventDto[] }) {
  return (
    <Card>
      <Table caption="Security events" data-testid="security-events-table">
        <THead>
          <TR>
            <TH>Time</TH>
            <TH>Kind</TH>
            <TH>Server</TH>
            <TH>Source address</TH>
            <TH>Detail</TH>
          </TR>
        </THead>
        <TBody>
          {events.map((event) => (
            <TR key={event.id}>
              <TD className="whitespace-nowrap">{formatDateTime(event.createdAt)}</TD>
              <TD>
                {KIND_LABELS[event.kind] ?? event.kind} <span className="font-mono text-xs text-zinc-500">{event.kind}</span>
              </TD>
              <TD className="text-sm">
                {event.serverName ?? (event.serverId ? <span className="font-mono text-xs text-zinc-500">deleted server</span> : "—")}
              </TD>
              <TD className="font-mono text-xs">{event.ip ?? "—"}</TD>
              <TD className="max-w-md text-xs break-words">{event.detail ?? "—"}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
