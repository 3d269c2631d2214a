"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { revokeApiKeyAction } from "../actions";

export function RevokeApiKeyButton({ orgSlug, apiKeyId }: { orgSlug: string; apiKeyId: string }) {
  const [state, formAction] = useActionState<ActionResult | null, FormData>(revokeApiKeyAction, null);
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="apiKeyId" value={apiKeyId} />
      <ConfirmButton label="Revoke" message="Scripts using this key fail on their next request." testId={`revoke-api-key-${apiKeyId}`} />
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-600">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
