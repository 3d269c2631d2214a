"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { createOrgAction } from "../actions";

export function CreateOrgForm() {
  const router = useRouter();
  const [state, formAction] = useActionState<ActionResult<{ slug: string }> | null, FormData>(createOrgAction, null);
  useEffect(() => {
    if (state?.ok) router.push(`/${state.data.slug}`);
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4 rounded-xl border border-zinc-200 bg-white p-6">
      {state && !state.ok ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      <Field id="name" label="Organisation name" errors={errors?.name}>
        {(control) => <Input name="name" required defaultValue={values?.name} {...control} />}
      </Field>
      <Field id="slug" label="Address" isOptional hint="Lowercase letters, digits and dashes; derived from the name when empty." errors={errors?.slug}>
        {(control) => <Input name="slug" defaultValue={values?.slug} {...control} />}
      </Field>
      <SubmitButton pendingLabel="Creating…">Create organisation</SubmitButton>
    </form>
  );
}
