"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { ServerDto } from "@/lib/db/servers";
import { updateServerAction } from "../../actions";

export function EditServerForm({ orgSlug, server }: { orgSlug: string; server: ServerDto }) {
  const [state, formAction] = useActionState<ActionResult | null, FormData>(updateServerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="serverId" value={server.id} />
      {state && !state.ok && !errors ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      {state?.ok ? <FormMessage tone="success">Saved.</FormMessage> : null}
      <div className="grid gap-3 sm:grid-cols-[14rem_1fr_auto] sm:items-end">
        <Field id="edit-name" label="Name" errors={errors?.name}>
          {(control) => <Input name="name" required maxLength={80} defaultValue={server.name} {...control} />}
        </Field>
        <Field id="edit-url" label="MCP endpoint URL" errors={errors?.url}>
          {(control) => <Input name="url" type="url" required defaultValue={server.url} {...control} />}
        </Field>
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          Save
        </SubmitButton>
      </div>
    </form>
  );
}
