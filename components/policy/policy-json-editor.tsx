"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/define-action";

type SaveResult = ActionResult<{ version: number }>;

export type PolicyJsonEditorProps = {
  orgSlug: string;
  policyId: string;
  initialText: string;
  saveAction: (previous: unknown, formData: FormData) => Promise<SaveResult>;
  isReadOnly: boolean;
};

/**
 * The raw JSON editor. Validation runs on the server with the policy engine itself, so what the
 * editor accepts is exactly what the proxy enforces; each error is listed with its JSON pointer.
 * After a failed save the user's text is kept (documents are not secrets).
 */
export function PolicyJsonEditor({ orgSlug, policyId, initialText, saveAction, isReadOnly }: PolicyJsonEditorProps) {
  const [state, formAction] = useActionState<SaveResult | null, FormData>(saveAction, null);
  const errors = state && !state.ok ? (state.fieldErrors?.document ?? []) : [];
  const text = state && !state.ok ? (state.values?.document ?? initialText) : initialText;
  return (
    <form action={formAction} className="grid gap-4 lg:grid-cols-[1fr_20rem]" data-testid="policy-editor">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="policyId" value={policyId} />
      <div className="flex flex-col gap-3">
        <label htmlFor="policy-document" className="text-sm font-medium text-zinc-800">
          Policy document (JSON)
        </label>
        <Textarea
          key={state?.ok ? `saved-${state.data.version}` : "draft"}
          id="policy-document"
          name="document"
          isCode
          rows={24}
          defaultValue={text}
          readOnly={isReadOnly}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={errors.length > 0 ? "policy-errors" : undefined}
        />
        {isReadOnly ? (
          <p className="text-sm text-zinc-500">Viewers can read policies; policy managers and admins edit them.</p>
        ) : (
          <div>
            <SubmitButton pendingLabel="Validating…" data-testid="save-policy">
              Save as new version
            </SubmitButton>
          </div>
        )}
      </div>
      <aside className="flex flex-col gap-2" aria-live="polite">
        {state?.ok ? <FormMessage tone="success">Saved as version {state.data.version}.</FormMessage> : null}
        {state && !state.ok && errors.length === 0 ? <FormMessage tone="error">{state.error}</FormMessage> : null}
        {errors.length > 0 ? (
          <div
            id="policy-errors"
            role="alert"
            className="rounded-md border border-denied-200 bg-denied-50 p-3 text-sm text-denied-800"
            data-testid="policy-errors"
          >
            <p className="mb-2 font-medium">
              {errors.length} error{errors.length === 1 ? "" : "s"}: nothing was saved.
            </p>
            <ul className="space-y-1.5">
              {errors.map((error) => {
                const split = error.indexOf(": ");
                return (
                  <li key={error}>
                    <code className="rounded bg-white px-1 font-mono text-xs">{split > 0 ? error.slice(0, split) : "/"}</code>{" "}
                    {split > 0 ? error.slice(split + 2) : error}
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
      </aside>
    </form>
  );
}
