"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { TokenReveal } from "@/components/ui/token-reveal";
import type { ActionResult } from "@/lib/actions/define-action";
import { mintGrantAction } from "../actions";

export function MintGrantForm({ orgSlug, serverId, policies }: { orgSlug: string; serverId: string; policies: Array<{ id: string; name: string }> }) {
  const [state, formAction] = useActionState<ActionResult<{ grantId: string; token: string }> | null, FormData>(mintGrantAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid="mint-grant-form">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="serverId" value={serverId} />
      {state && !state.ok && !errors ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      <div className="grid gap-3 sm:grid-cols-[1fr_14rem_14rem_auto] sm:items-end">
        <Field id="grant-label" label="New grant" errors={errors?.label}>
          {(control) => <Input name="label" required maxLength={80} placeholder="e.g. support-bot" defaultValue={values?.label} {...control} />}
        </Field>
        <Field id="grant-policy" label="Policy" errors={errors?.policyId}>
          {(control) => (
            <Select name="policyId" defaultValue={values?.policyId ?? policies[0]?.id ?? ""} {...control}>
              <option value="">No policy (calls denied)</option>
              {policies.map((policy) => (
                <option key={policy.id} value={policy.id}>
                  {policy.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="grant-expiry" label="Expires (UTC)" isOptional errors={errors?.expiresAt}>
          {(control) => <Input name="expiresAt" type="datetime-local" defaultValue={values?.expiresAt} {...control} />}
        </Field>
        <SubmitButton pendingLabel="Minting…" data-testid="mint-grant">
          Mint grant
        </SubmitButton>
      </div>
      {state?.ok ? (
        <TokenReveal token={state.data.token} label="Grant token">
          Give it to the agent as <code>Authorization: Bearer …</code> with the proxy URL above.
        </TokenReveal>
      ) : null}
    </form>
  );
}
