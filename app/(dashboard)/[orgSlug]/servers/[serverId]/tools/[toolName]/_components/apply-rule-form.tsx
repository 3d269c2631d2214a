"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { applyToolRuleAction } from "../../../policies/actions";

type Props = { orgSlug: string; serverId: string; toolName: string; policies: Array<{ id: string; name: string }> };

export function ApplyRuleForm({ orgSlug, serverId, toolName, policies }: Props) {
  const [state, formAction] = useActionState<ActionResult<{ policyId: string; version: number; name: string }> | null, FormData>(applyToolRuleAction, null);
  if (policies.length === 0) return <p className="text-sm text-zinc-600">Create a policy on the server page first, then apply this rule to it.</p>;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid="apply-rule-form">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="serverId" value={serverId} />
      <input type="hidden" name="toolName" value={toolName} />
      <div className="flex flex-wrap items-end gap-3">
        <Field id="apply-policy" label="Policy" errors={errors?.policyId ?? errors?.document}>
          {(control) => (
            <Select name="policyId" defaultValue={state?.ok ? state.data.policyId : (state?.values?.policyId ?? policies[0]?.id)} className="w-64" {...control}>
              {policies.map((policy) => (
                <option key={policy.id} value={policy.id}>
                  {policy.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <SubmitButton pendingLabel="Applying…">Apply recommended rule</SubmitButton>
      </div>
      {state?.ok ? (
        <FormMessage tone="success">
          Saved {state.data.name} v{state.data.version}.
        </FormMessage>
      ) : null}
      {state && !state.ok && !errors ? <FormMessage tone="error">{state.error}</FormMessage> : null}
    </form>
  );
}
