"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/define-action";
import { setCredentialsAction } from "../../actions";

/** Credentials are write-only: the form shows which header names are set, never their values. */
export function CredentialsForm({ orgSlug, serverId, headerNames }: { orgSlug: string; serverId: string; headerNames: string[] }) {
  const [state, formAction] = useActionState<ActionResult<{ headerNames: string[] }> | null, FormData>(setCredentialsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const current = state?.ok ? state.data.headerNames : headerNames;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="serverId" value={serverId} />
      {state && !state.ok && !errors ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      {state?.ok ? <FormMessage tone="success">Credentials replaced.</FormMessage> : null}
      <Field
        id="credentials"
        label="Upstream headers"
        hint={
          current.length > 0
            ? `Set: ${current.map((name) => `${name} ••••`).join(", ")}. Saving replaces all of them; an empty box removes them.`
            : 'None set. One per line, "Name: value". Stored encrypted and sent only to the upstream.'
        }
        errors={errors?.headers}
      >
        {(control) => <Textarea name="headers" isCode rows={2} autoComplete="off" placeholder="Authorization: Bearer …" {...control} />}
      </Field>
      <div>
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          {current.length > 0 ? "Replace credentials" : "Set credentials"}
        </SubmitButton>
      </div>
    </form>
  );
}
