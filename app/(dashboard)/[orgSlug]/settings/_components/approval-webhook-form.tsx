"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { TokenReveal } from "@/components/ui/token-reveal";
import type { ActionResult } from "@/lib/actions/define-action";
import { removeApprovalWebhookAction, setApprovalWebhookAction } from "../actions";

type WebhookResult = ActionResult<{ url: string | null; secret: string | null }>;

/**
 * The approval webhook: where new approval requests are announced. Saving generates a new signing
 * secret, shown here once; removing stops the announcements. Removing is a separate form so it
 * asks for confirmation without touching the URL field.
 */
export function ApprovalWebhookForm({ orgSlug, url }: { orgSlug: string; url: string | null }) {
  const [state, formAction] = useActionState<WebhookResult | null, FormData>(setApprovalWebhookAction, null);
  const [removeState, removeAction] = useActionState<ActionResult | null, FormData>(removeApprovalWebhookAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="flex flex-col gap-4" data-testid="approval-webhook-form">
        <input type="hidden" name="orgSlug" value={orgSlug} />
        {state && !state.ok ? <FormMessage tone="error">{state.error}</FormMessage> : null}
        <div className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end">
          <Field
            id="approval-webhook-url"
            label="Webhook URL"
            hint="Receives a signed POST for every new approval request. Saving creates a new signing secret."
            errors={errors?.url}
          >
            {(control) => (
              <Input
                name="url"
                type="url"
                defaultValue={(state && !state.ok ? state.values?.url : undefined) ?? url ?? ""}
                placeholder="https://hooks.example.com/toolgate"
                {...control}
              />
            )}
          </Field>
          <SubmitButton pendingLabel="Saving…">{url ? "Save and rotate secret" : "Save"}</SubmitButton>
        </div>
        {state?.ok && state.data.secret ? (
          <TokenReveal token={state.data.secret} label="Signing secret">
            Check each request&apos;s <code>Toolgate-Signature: t=…,v1=…</code> header: v1 is the hex HMAC-SHA-256 of <code>t.body</code> with this secret. It
            cannot be shown again; saving again creates a new one.
          </TokenReveal>
        ) : null}
      </form>
      {url ? (
        <form action={removeAction} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="orgSlug" value={orgSlug} />
          <ConfirmButton label="Remove webhook" message="New approval requests will no longer be announced." testId="remove-approval-webhook" />
          {removeState && !removeState.ok ? (
            <span role="alert" className="text-sm text-denied-700">
              {removeState.error}
            </span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
