"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { createPolicyAction } from "../actions";

/** On success the action redirects to the new policy's editor on the server, so this also works without JavaScript. */
export function CreatePolicyForm({ orgSlug, serverId }: { orgSlug: string; serverId: string }) {
  const [state, formAction] = useActionState<ActionResult<never> | null, FormData>(createPolicyAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid="create-policy-form">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="serverId" value={serverId} />
      {state && !state.ok && !errors ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      <div className="grid gap-3 sm:grid-cols-[1fr_16rem_auto] sm:items-end">
        <Field id="policy-name" label="New policy" errors={errors?.name}>
          {(control) => (
            <Input
              name="name"
              required
              maxLength={80}
              placeholder="e.g. support-agent"
              defaultValue={state && !state.ok ? state.values?.name : ""}
              {...control}
            />
          )}
        </Field>
        <Field id="policy-template" label="Start from" errors={errors?.template}>
          {(control) => (
            <Select name="template" defaultValue="suggested" {...control}>
              <option value="suggested">Suggested (by tool risk)</option>
              <option value="deny_all">Deny everything</option>
              <option value="allow_all">Allow everything</option>
            </Select>
          )}
        </Field>
        <SubmitButton pendingLabel="Creating…" data-testid="create-policy">
          Create policy
        </SubmitButton>
      </div>
    </form>
  );
}
