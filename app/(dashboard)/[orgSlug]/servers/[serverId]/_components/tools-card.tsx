import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { RiskBadge } from "@/components/risk-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ToolDto } from "@/lib/db/tools";
import { formatDateTime } from "@/lib/format";
import { summarizeDiff } from "@/lib/tool-diff";
import { acceptDriftAction, refreshToolsAction } from "../../actions";

type Props = { orgSlug: string; serverId: string; basePath: string; tools: ToolDto[]; isAdmin: boolean; refreshedAt: Date | null };

export function ToolsCard({ orgSlug, serverId, basePath, tools, isAdmin, refreshedAt }: Props) {
  const refresh = isAdmin ? (
    <ActionForm action={refreshToolsAction} fields={{ orgSlug, serverId }} successMessage="Tool list refreshed.">
      <SubmitButton variant="secondary" size="sm" pendingLabel="Refreshing…">
        Refresh tools
      </SubmitButton>
    </ActionForm>
  ) : null;
  return (
    <Card>
      <CardHeader
        actions={refresh}
        description={`Last read from the upstream: ${formatDateTime(refreshedAt)}. Drift means a tool's definition changed since it was accepted.`}
      >
        <CardTitle>Tools ({tools.length})</CardTitle>
      </CardHeader>
      {tools.length === 0 ? (
        <div className="p-5">
          <EmptyState title="No tools discovered" description="The server listed no tools. Refresh the list once the upstream exposes some." />
        </div>
      ) : (
        <Table caption="Tools" data-testid="tools-table">
          <THead>
            <TR>
              <TH>Tool</TH>
              <TH>Risk</TH>
              <TH>Description</TH>
              <TH className="text-right">Drift</TH>
            </TR>
          </THead>
          <TBody>
            {tools.map((tool) => {
              return (
                <TR key={tool.id} data-testid={`tool-${tool.name}`}>
                  <TD>
                    <Link href={`${basePath}/tools/${encodeURIComponent(tool.name)}`} className="font-mono text-accent-700 hover:underline">
                      {tool.name}
                    </Link>
                  </TD>
                  <TD>
                    <RiskBadge riskClass={tool.riskClass} />
                  </TD>
                  <TD className="max-w-md truncate" title={tool.description ?? undefined}>
                    {tool.description ?? "—"}
                  </TD>
                  <TD className="text-right">
                    {tool.hasDrift ? (
                      <span className="inline-flex items-center gap-2">
                        <Badge tone="amber">Changed {formatDateTime(tool.driftedAt)}</Badge>
                        <Link
                          href={`${basePath}/tools/${encodeURIComponent(tool.name)}`}
                          className="text-xs text-accent-700 hover:underline"
                          data-testid={`drift-summary-${tool.name}`}
                        >
                          {tool.drift?.recorded ? summarizeDiff(tool.drift.diff) : "previous definition not recorded"}
                        </Link>
                        {isAdmin ? (
                          <ActionForm action={acceptDriftAction} fields={{ orgSlug, serverId, toolName: tool.name }}>
                            <SubmitButton variant="secondary" size="sm" pendingLabel="Accepting…">
                              Accept
                            </SubmitButton>
                          </ActionForm>
                        ) : null}
                      </span>
                    ) : (
                      <span className="text-zinc-400">—</span>
                    )}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
