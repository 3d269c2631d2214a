import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ApprovalDto, ApprovalStatusName } from "@/lib/db/approvals";
import { formatDateTime } from "@/lib/format";

const STATUS: Record<ApprovalStatusName, { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "amber" },
  approved: { label: "Approved", tone: "green" },
  denied: { label: "Denied", tone: "red" },
  expired: { label: "Expired", tone: "gray" },
  consumed: { label: "Ran", tone: "blue" },
};

/** Approvals no longer waiting: who decided what, with the note, and whether the approved call has run. */
export function ApprovalHistoryTable({ items }: { items: ApprovalDto[] }) {
  return (
    <Table caption="Approval history">
      <THead>
        <tr>
          <TH>Status</TH>
          <TH>Tool</TH>
          <TH>Server · grant</TH>
          <TH>Requested</TH>
          <TH>Decision</TH>
        </tr>
      </THead>
      <TBody>
        {items.map((approval) => (
          <TR key={approval.id} data-testid={`history-${approval.id}`}>
            <TD>
              <Badge tone={STATUS[approval.status].tone} hasDot>
                {STATUS[approval.status].label}
              </Badge>
            </TD>
            <TD className="font-mono text-xs break-all">{approval.tool}</TD>
            <TD>
              {approval.serverName} · {approval.grantLabel}
            </TD>
            <TD className="whitespace-nowrap">{formatDateTime(approval.requestedAt)}</TD>
            <TD>
              {approval.decidedAt ? (
                <div className="space-y-0.5">
                  <div>
                    {approval.decidedByLabel ?? "—"} · {formatDateTime(approval.decidedAt)}
                  </div>
                  {approval.note ? <div className="text-zinc-500">“{approval.note}”</div> : null}
                  {approval.consumedAt ? <div className="text-zinc-500">Ran {formatDateTime(approval.consumedAt)}</div> : null}
                </div>
              ) : (
                <span className="text-zinc-500">Not decided before {formatDateTime(approval.expiresAt)}</span>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
