"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { revokeInvitationAction } from "../actions";

export function RevokeInvitationButton({ orgSlug, invitationId }: { orgSlug: string; invitationId: string }) {
  const [state, formAction] = useActionState<ActionResult | null, FormData>(revokeInvitationAction, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <ConfirmButton label="Revoke" message="The link stops working." testId={`revoke-invitation-${invitationId}`} />
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-600">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
