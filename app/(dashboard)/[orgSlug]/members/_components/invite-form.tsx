"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { TokenReveal } from "@/components/ui/token-reveal";
import type { ActionResult } from "@/lib/actions/define-action";
import { inviteMemberAction } from "../actions";

export function InviteForm({ orgSlug }: { orgSlug: string }) {
  const [state, formAction] = useActionState<ActionResult<{ link: string }> | null, FormData>(inviteMemberAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const link = state?.ok ? (state.data.link.startsWith("/") ? `${window.location.origin}${state.data.link}` : state.data.link) : null;
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {state && !state.ok ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <Field id="invite-email" label="Email" isOptional hint="Only this address can accept when set." errors={errors?.email}>
          {(control) => <Input name="email" type="email" {...control} />}
        </Field>
        <Field id="invite-role" label="Role" errors={errors?.role}>
          {(control) => (
            <Select name="role" defaultValue="viewer" {...control}>
              <option value="viewer">Viewer</option>
              <option value="policy_manager">Policy manager</option>
              <option value="admin">Admin</option>
            </Select>
          )}
        </Field>
        <SubmitButton pendingLabel="Creating link…">Create invitation link</SubmitButton>
      </div>
      {link ? (
        <TokenReveal token={link} label="One-time invitation link">
          Send this link to the person you invite. It works once and expires in 7 days.
        </TokenReveal>
      ) : null}
    </form>
  );
}
