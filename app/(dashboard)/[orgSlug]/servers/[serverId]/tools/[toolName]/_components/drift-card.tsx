import { ActionForm } from "@/components/action-form";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ToolDto } from "@/lib/db/tools";
import { formatDateTime } from "@/lib/format";
import { acceptDriftAction } from "../../../../actions";
import { DriftDiff } from "./drift-diff";

type Props = { orgSlug: string; serverId: string; toolName: string; drift: NonNullable<ToolDto["drift"]>; driftedAt: Date | null; isAdmin: boolean };

/** The unresolved drift of one tool: what changed since it was accepted, and (for admins) the accept button. */
export function DriftCard({ orgSlug, serverId, toolName, drift, driftedAt, isAdmin }: Props) {
  const accept = isAdmin ? (
    <ActionForm action={acceptDriftAction} fields={{ orgSlug, serverId, toolName }} successMessage="Definition accepted.">
      <SubmitButton variant="secondary" size="sm" pendingLabel="Accepting…">
        Accept changes
      </SubmitButton>
    </ActionForm>
  ) : null;
  return (
    <Card data-testid="tool-drift">
      <CardHeader
        actions={accept}
        description={`The definition changed upstream on ${formatDateTime(driftedAt)} since it was accepted.${isAdmin ? "" : " An admin can accept it."}`}
      >
        <CardTitle>Changed since accepted</CardTitle>
      </CardHeader>
      <CardBody>
        <DriftDiff drift={drift} />
      </CardBody>
    </Card>
  );
}
