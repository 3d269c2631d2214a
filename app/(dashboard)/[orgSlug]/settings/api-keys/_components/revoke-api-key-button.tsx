"use client";

import { ActionForm } from "@/components/action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeApiKeyAction } from "../actions";

export function RevokeApiKeyButton({ orgSlug, apiKeyId }: { orgSlug: string; apiKeyId: string }) {
  return (
    <ActionForm action={revokeApiKeyAction} fields={{ orgSlug, apiKeyId }} className="justify-end">
      <ConfirmButton label="Revoke" message="Scripts using this key fail on their next request." testId={`revoke-api-key-${apiKeyId}`} />
    </ActionForm>
  );
}
