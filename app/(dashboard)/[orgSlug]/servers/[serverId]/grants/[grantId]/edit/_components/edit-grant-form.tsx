"use client";

import Link from "next/link";
import { useActionState, useRef } from "react";
import { buttonClassName } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FieldError, fieldErrorId } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { editGrantAction } from "../../../../actions";

type Props = {
  orgSlug: string;
  grantId: string;
  label: string;
  /** The current expiry as a UTC `datetime-local` value, or null for never. */
  expiresAt: string | null;
  isExpired: boolean;
  cancelHref: string;
};

/** On success the action redirects to the server page on the server, so this also works without JavaScript. */
export function EditGrantForm({ orgSlug, grantId, label, expiresAt, isExpired, cancelHref }: Props) {
  const [state, formAction] = useActionState<ActionResult<never> | null, FormData>(editGrantAction, null);
  const atDateRef = useRef<HTMLInputElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const expiry = values?.expiry ?? (expiresAt ? "at" : "never");
  const expiryErrors = [...(errors?.expiry ?? []), ...(errors?.expiresAt ?? [])];
  return (
    <form action={formAction} className="flex flex-col gap-5" data-testid="edit-grant-form">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="grantId" value={grantId} />
      {state && !state.ok && !errors ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      <Field id="grant-label" label="Label" hint="Shown in the dashboard and the call log, e.g. the agent's name." errors={errors?.label}>
        {(control) => <Input name="label" required maxLength={80} defaultValue={values?.label ?? label} {...control} />}
      </Field>
      <fieldset className="space-y-2" aria-describedby={expiryErrors.length > 0 ? fieldErrorId("grant-expiry") : undefined}>
        <legend className="text-sm font-medium text-zinc-800">Expires</legend>
        <label className="flex items-center gap-2 text-sm text-zinc-800">
          <input type="radio" name="expiry" value="never" defaultChecked={expiry === "never"} />
          Never
        </label>
        <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-800">
          <label className="flex items-center gap-2">
            <input ref={atDateRef} type="radio" name="expiry" value="at" defaultChecked={expiry === "at"} />
            On (UTC)
          </label>
          <Input
            name="expiresAt"
            type="datetime-local"
            aria-label="Expiry date and time (UTC)"
            aria-invalid={expiryErrors.length > 0 || undefined}
            defaultValue={values?.expiresAt ?? expiresAt ?? ""}
            // Picking a date means "on a date"; without JavaScript the radio is chosen by hand.
            onChange={() => {
              if (atDateRef.current) atDateRef.current.checked = true;
            }}
            className="w-56"
          />
        </div>
        {isExpired ? <p className="text-sm text-zinc-500">This grant has expired. Choose a later date or Never to let the agent call again.</p> : null}
        <FieldError id={fieldErrorId("grant-expiry")} errors={expiryErrors} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-2">
        <SubmitButton pendingLabel="Saving…" data-testid="save-grant">
          Save
        </SubmitButton>
        <Link href={cancelHref} className={buttonClassName("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
