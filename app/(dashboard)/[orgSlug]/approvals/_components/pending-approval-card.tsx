import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import type { PendingApproval } from "@/lib/approvals/inbox";
import { DecideForm } from "./decide-form";
import { RelativeTime } from "./relative-time";

type Props = { approval: PendingApproval; orgSlug: string; canDecide: boolean; canSeeArguments: boolean; now: Date };

/** One held call: what the agent wants to run, who asked, until when, and (for approvers) the arguments and the decision form. */
export function PendingApprovalCard({ approval, orgSlug, canDecide, canSeeArguments, now }: Props) {
  return (
    <Card data-testid={`approval-${approval.id}`}>
      <CardBody className="flex flex-col gap-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <h3 className="font-mono text-sm font-semibold break-all text-zinc-900">{approval.tool}</h3>
            <p className="text-sm text-zinc-600">
              on <span className="font-medium text-zinc-800">{approval.serverName}</span> by grant{" "}
              <span className="font-medium text-zinc-800">{approval.grantLabel}</span>
            </p>
            <p className="font-mono text-xs text-zinc-500">{approval.id}</p>
          </div>
          <div className="flex flex-col items-end gap-1 text-xs text-zinc-600">
            <Badge tone="amber" hasDot>
              Pending
            </Badge>
            <span>
              requested <RelativeTime date={approval.requestedAt} now={now} />
            </span>
            <span>
              expires <RelativeTime date={approval.expiresAt} now={now} />
            </span>
          </div>
        </div>
        {canSeeArguments ? (
          approval.arguments ? (
            <CodeBlock code={JSON.stringify(approval.arguments, null, 2)} title="arguments" language="json" />
          ) : (
            <p className="text-sm text-zinc-500">The arguments could not be read.</p>
          )
        ) : (
          <p className="text-sm text-zinc-500">Arguments are shown to policy managers and admins only.</p>
        )}
        {canDecide ? <DecideForm orgSlug={orgSlug} approvalId={approval.id} tool={approval.tool} /> : null}
      </CardBody>
    </Card>
  );
}
