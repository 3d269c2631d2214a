"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { TokenReveal } from "@/components/ui/token-reveal";
import type { ActionResult } from "@/lib/actions/define-action";
import { createApiKeyAction } from "../actions";

export function CreateApiKeyForm({ orgSlug }: { orgSlug: string }) {
  const [state, formAction] = useActionState<ActionResult<{ token: string }> | null, FormData>(createApiKeyAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" data-testid="create-api-key-form">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {state && !state.ok ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_12rem_auto] sm:items-end">
        <Field id="api-key-name" label="Name" errors={errors?.name}>
          {(control) => <Input name="name" defaultValue={values?.name} placeholder="ci-policy-sync" {...control} />}
        </Field>
        <Field id="api-key-role" label="Acts as" errors={errors?.role}>
          {(control) => (
            <Select name="role" defaultValue={values?.role ?? "viewer"} {...control}>
              <option value="viewer">Viewer</option>
              <option value="policy_manager">Policy manager</option>
              <option value="admin">Admin</option>
            </Select>
          )}
        </Field>
        <Field id="api-key-expires" label="Expires" isOptional hint="UTC; empty means never." errors={errors?.expiresAt}>
          {(control) => <Input name="expiresAt" type="date" defaultValue={values?.expiresAt} {...control} />}
        </Field>
        <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
      </div>
      {state?.ok ? (
        <TokenReveal token={state.data.token} label="API key">
          Use it as <code>Authorization: Bearer …</code> or as <code>TOOLGATE_API_KEY</code> for the <code>toolgate</code> command line.
        </TokenReveal>
      ) : null}
    </form>
  );
}
