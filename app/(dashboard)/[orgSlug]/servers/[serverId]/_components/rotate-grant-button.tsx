"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { TokenReveal } from "@/components/ui/token-reveal";
import type { ActionResult } from "@/lib/actions/define-action";
import { rotateGrantAction } from "../actions";

export function RotateGrantButton({ orgSlug, grantId, label }: { orgSlug: string; grantId: string; label: string }) {
  const [state, formAction] = useActionState<ActionResult<{ token: string }> | null, FormData>(rotateGrantAction, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="grantId" value={grantId} />
      <ConfirmButton label="Rotate" variant="secondary" message="The old token stops working at once." testId={`rotate-${label}`} />
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-denied-700">
          {state.error}
        </span>
      ) : null}
      {state?.ok ? (
        <TokenReveal token={state.data.token} label={`New token for ${label}`} className="text-left">
          Replace the token in the agent's configuration.
        </TokenReveal>
      ) : null}
    </form>
  );
}
