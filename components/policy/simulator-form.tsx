"use client";

import { useActionState, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/define-action";
import type { SimulatedDecision } from "@/lib/servers/simulate-call";

const OUTCOME_TONES: Record<SimulatedDecision["outcome"], BadgeTone> = { allow: "green", deny: "red", hidden: "gray", require_approval: "amber" };

export type SimulatorFormProps = {
  orgSlug: string;
  policyId: string;
  toolNames: string[];
  /** The id of the editor's textarea, whose unsaved text can be tested instead of the saved version. */
  draftSourceId?: string;
  simulateAction: (previous: unknown, formData: FormData) => Promise<ActionResult<SimulatedDecision>>;
};

export function SimulatorForm({ orgSlug, policyId, toolNames, draftSourceId, simulateAction }: SimulatorFormProps) {
  const [state, formAction] = useActionState<ActionResult<SimulatedDecision> | null, FormData>(simulateAction, null);
  const [isDraft, setIsDraft] = useState(false);
  const submit = (formData: FormData) => {
    const source = draftSourceId ? document.getElementById(draftSourceId) : null;
    if (isDraft && source instanceof HTMLTextAreaElement) formData.set("document", source.value);
    formAction(formData);
  };
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={submit} className="flex flex-col gap-3" data-testid="simulator">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="policyId" value={policyId} />
      <Field id="sim-tool" label="Tool name" errors={errors?.tool}>
        {(control) => <Input name="tool" list="sim-tools" required defaultValue={values?.tool ?? toolNames[0]} autoComplete="off" {...control} />}
      </Field>
      <datalist id="sim-tools">
        {toolNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Field id="sim-args" label="Arguments (JSON object)" errors={errors?.arguments}>
        {(control) => <Textarea name="arguments" isCode rows={5} defaultValue={values?.arguments ?? "{}"} {...control} />}
      </Field>
      {draftSourceId ? (
        <label className="inline-flex items-center gap-2 text-sm text-zinc-700">
          <input type="checkbox" checked={isDraft} onChange={(event) => setIsDraft(event.target.checked)} />
          Test the editor's unsaved text instead of the saved version
        </label>
      ) : null}
      {errors?.document ? <p className="text-sm text-denied-700">The draft has errors: {errors.document.join(" ")}</p> : null}
      <div>
        <SubmitButton variant="secondary" pendingLabel="Evaluating…" data-testid="simulate">
          Test this call
        </SubmitButton>
      </div>
      {state && !state.ok && !errors ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      {state?.ok ? <SimulatedResult result={state.data} /> : null}
    </form>
  );
}

function SimulatedResult({ result }: { result: SimulatedDecision }) {
  return (
    <div className="space-y-2 rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm" data-testid="simulation-result">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={OUTCOME_TONES[result.outcome]} hasDot>
          {result.outcome.replace("_", " ")}
        </Badge>
        <code className="font-mono text-xs" data-testid="simulation-code">
          {result.code}
        </code>
        <span className="text-zinc-500">{result.policyVersion === null ? "under the unsaved draft" : `under v${result.policyVersion}`}</span>
      </div>
      <p>
        Rule: <code className="font-mono text-xs">{result.rule}</code>
      </p>
      {result.message ? <p>Message: {result.message}</p> : null}
      {result.agentText ? <p className="text-zinc-600">The agent reads: “{result.agentText}”</p> : null}
      {result.approvalTimeoutMs ? <p>Waits for a person's approval (expires after {Math.round(result.approvalTimeoutMs / 60000)} min).</p> : null}
      {result.reservations.length > 0 ? (
        <ul className="list-disc pl-5">
          {result.reservations.map((r) => (
            <li key={`${r.rule}-${r.counter}`}>
              Counts {r.amount} against <code className="font-mono text-xs">{r.counter}</code> (max {r.max} per window, per {r.scope}; {r.rule})
            </li>
          ))}
        </ul>
      ) : null}
      {!result.isToolInCatalogue ? (
        <p className="text-pending-800">This tool is not in the catalogue, so its arguments were not checked against a schema.</p>
      ) : null}
      <p className="text-xs text-zinc-500">Counters are not read: a call over a full limit would be denied with rate_limited.</p>
    </div>
  );
}
