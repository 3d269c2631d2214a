"use client";

import { ActionForm } from "@/components/action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeInvitationAction } from "../actions";

export function RevokeInvitationButton({ orgSlug, invitationId }: { orgSlug: string; invitationId: string }) {
  return (
    <ActionForm action={revokeInvitationAction} fields={{ orgSlug, invitationId }}>
      <ConfirmButton label="Revoke" message="The link stops working." testId={`revoke-invitation-${invitationId}`} />
    </ActionForm>
  );
}
