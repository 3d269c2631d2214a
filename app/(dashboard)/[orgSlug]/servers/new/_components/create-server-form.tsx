"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/define-action";
import { createServerAction, testConnectionAction } from "../../actions";

type TestResult = ActionResult<{ toolCount: number; toolNames: string[] }>;

/** On success the action redirects to the new server's page on the server, so this also works without JavaScript. */
export function CreateServerForm({ orgSlug }: { orgSlug: string }) {
  const [state, create] = useActionState<ActionResult<never> | null, FormData>(createServerAction, null);
  const [test, runTest] = useActionState<TestResult | null, FormData>(testConnectionAction, null);
  // The latest of the two results decides what is shown next to the URL.
  const failed = state && !state.ok ? state : test && !test.ok ? test : null;
  const values = state && !state.ok ? state.values : test && !test.ok ? test.values : undefined;
  const errors = failed?.fieldErrors;
  return (
    <form action={create} className="flex flex-col gap-5" data-testid="create-server-form">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {failed && !errors ? <FormMessage tone="error">{failed.error}</FormMessage> : null}
      <Field id="server-name" label="Name" hint="Shown in the dashboard and logs, e.g. crm or github." errors={errors?.name}>
        {(control) => <Input name="name" required maxLength={80} defaultValue={values?.name} {...control} />}
      </Field>
      <Field id="server-url" label="MCP endpoint URL" hint="The upstream's Streamable HTTP endpoint, often ending in /mcp." errors={errors?.url}>
        {(control) => <Input name="url" type="url" required placeholder="https://mcp.example.com/mcp" defaultValue={values?.url} {...control} />}
      </Field>
      {test?.ok ? (
        <FormMessage tone="success" title={`Connected: ${test.data.toolCount} tool${test.data.toolCount === 1 ? "" : "s"} found`}>
          <span data-testid="connection-ok">{test.data.toolNames.join(", ")}</span>
        </FormMessage>
      ) : null}
      <Field
        id="server-headers"
        label="Upstream headers"
        isOptional
        hint='One per line, "Name: value", e.g. "Authorization: Bearer …". Stored encrypted, sent only to the upstream, never shown again.'
        errors={errors?.headers}
      >
        {(control) => <Textarea name="headers" isCode rows={3} placeholder="Authorization: Bearer sk-…" autoComplete="off" {...control} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pendingLabel="Connecting…" data-testid="save-server">
          Test, discover tools and save
        </SubmitButton>
        <SubmitButton variant="secondary" formAction={runTest} pendingLabel="Testing…" formNoValidate>
          Test connection only
        </SubmitButton>
      </div>
    </form>
  );
}
