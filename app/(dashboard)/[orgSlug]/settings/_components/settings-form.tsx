"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { updateSettingsAction } from "../actions";

export function SettingsForm({ orgSlug, name, retentionDays, isEditable }: { orgSlug: string; name: string; retentionDays: number; isEditable: boolean }) {
  const [state, formAction] = useActionState<ActionResult | null, FormData>(updateSettingsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {state?.ok ? <FormMessage tone="success">Settings saved.</FormMessage> : null}
      {state && !state.ok ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      <Field id="org-name" label="Organisation name" errors={errors?.name}>
        {(control) => <Input name="name" defaultValue={state && !state.ok ? state.values?.name : name} disabled={!isEditable} {...control} />}
      </Field>
      <Field id="retention" label="Keep call logs for (days)" hint="Older calls are deleted by a background job." errors={errors?.retentionDays}>
        {(control) => (
          <Input
            name="retentionDays"
            type="number"
            min={1}
            max={3650}
            defaultValue={state && !state.ok ? state.values?.retentionDays : retentionDays}
            disabled={!isEditable}
            {...control}
          />
        )}
      </Field>
      {isEditable ? (
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      ) : (
        <p className="text-sm text-zinc-500">Only admins can change settings.</p>
      )}
    </form>
  );
}
