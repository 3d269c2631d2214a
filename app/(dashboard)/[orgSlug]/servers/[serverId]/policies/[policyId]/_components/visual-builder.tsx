"use client";

import { Fragment, useActionState, useMemo, useState } from "react";
import { ToolRulesPanel } from "@/components/policy/tool-rules-panel";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/define-action";
import type { PolicyDto } from "@/lib/db/policies";
import { validatePolicy } from "@/lib/policy/validate";
import type { SchemaField } from "@/lib/policy-builder/schema-fields";
import {
  applyToolForms,
  dedupeErrors,
  emptyToolForm,
  type FormError,
  messagesAt,
  parsePointerMessages,
  readToolForm,
  summariseToolForm,
  type ToolChoice,
  type ToolForm,
  toolPointer,
} from "@/lib/policy-builder/tool-form";
import { formatPolicyDocument } from "@/lib/policy-format";
import { savePolicyAction } from "../../actions";
import { SaveErrors } from "./save-errors";

const CHOICES: Array<[ToolChoice, string]> = [
  ["default", "Default"],
  ["allow", "Allow"],
  ["deny", "Deny"],
  ["hide", "Hide"],
  ["approval", "Approval"],
  ["custom", "Custom (keep JSON)"],
];

export type BuilderTool = { name: string; riskClass: string; fields: SchemaField[] };

export function VisualBuilder({ orgSlug, policy, tools }: { orgSlug: string; policy: PolicyDto; tools: BuilderTool[] }) {
  const [forms, setForms] = useState<Record<string, ToolForm>>(() =>
    Object.fromEntries(tools.map((tool) => [tool.name, readToolForm(policy.document, tool.name)])),
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [edits, setEdits] = useState({ count: 0, submitted: -1 });
  const [state, formAction] = useActionState<ActionResult<{ version: number }> | null, FormData>(savePolicyAction, null);
  const built = useMemo(() => applyToolForms(policy.document, forms), [policy.document, forms]);
  const json = useMemo(() => formatPolicyDocument(built.document), [built.document]);
  // Server errors describe the document as submitted; once the rows change, their pointers may not.
  const serverErrors: FormError[] = state && !state.ok && edits.count === edits.submitted ? parsePointerMessages(state.fieldErrors?.document ?? []) : [];
  // The engine also runs here, so a field is marked while it is typed; the save action runs it again.
  const liveErrors = useMemo(() => {
    const result = validatePolicy(built.document);
    const converted = new Set(built.errors.map((error) => error.pointer));
    return result.ok ? [] : result.errors.filter((error) => !converted.has(error.pointer)).map(({ pointer, message }) => ({ pointer, message }));
  }, [built]);
  const errors = dedupeErrors([...built.errors, ...liveErrors, ...serverErrors]);
  const errorsAt = (pointer: string) => messagesAt(errors, pointer);
  const hasErrorsFor = (name: string) => errors.some((error) => error.pointer.startsWith(`${toolPointer(name)}/`));
  const update = (name: string, patch: Partial<ToolForm>) => {
    setForms((previous) => ({ ...previous, [name]: { ...(previous[name] ?? emptyToolForm()), ...patch } }));
    setEdits((previous) => ({ ...previous, count: previous.count + 1 }));
  };
  const toggle = (name: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  return (
    <Card>
      <CardHeader
        description={`One choice per tool, with its limits and argument rules. "Default" follows the policy's default (${policy.document.default}); "Custom" keeps a rule written in JSON untouched.`}
      >
        <CardTitle>Visual builder</CardTitle>
      </CardHeader>
      <CardBody>
        <form
          action={formAction}
          onSubmit={(event) => {
            if (built.errors.length > 0) event.preventDefault();
            setEdits((previous) => ({ ...previous, submitted: previous.count }));
          }}
          className="flex flex-col gap-4"
          data-testid="visual-builder"
        >
          <input type="hidden" name="orgSlug" value={orgSlug} />
          <input type="hidden" name="policyId" value={policy.id} />
          <input type="hidden" name="document" value={json} />
          <Table caption="Per-tool rules">
            <THead>
              <TR>
                <TH>Tool</TH>
                <TH>Risk</TH>
                <TH>Rule</TH>
                <TH>Limits and argument rules</TH>
              </TR>
            </THead>
            <TBody>
              {tools.map((tool) => {
                const form = forms[tool.name] ?? emptyToolForm();
                const canEditRules = form.choice === "allow" || form.choice === "approval" || form.choice === "deny";
                const isOpen = canEditRules && (expanded.has(tool.name) || hasErrorsFor(tool.name));
                return (
                  <Fragment key={tool.name}>
                    <TR>
                      <TD className="font-mono">{tool.name}</TD>
                      <TD>{tool.riskClass}</TD>
                      <TD>
                        <Select
                          aria-label={`Rule for ${tool.name}`}
                          value={form.choice}
                          onChange={(event) => update(tool.name, { choice: event.target.value as ToolChoice })}
                        >
                          {CHOICES.map(([value, label]) => (
                            <option key={value} value={value}>
                              {label}
                            </option>
                          ))}
                        </Select>
                      </TD>
                      <TD>
                        <span className="flex flex-wrap items-center gap-3">
                          <span className="text-zinc-600" data-testid={`rules-summary-${tool.name}`}>
                            {summariseToolForm(form)}
                          </span>
                          {canEditRules ? (
                            <Button
                              variant="secondary"
                              size="sm"
                              aria-expanded={isOpen}
                              onClick={() => toggle(tool.name)}
                              data-testid={`edit-rules-${tool.name}`}
                            >
                              {isOpen ? "Close" : "Edit"}
                            </Button>
                          ) : null}
                        </span>
                      </TD>
                    </TR>
                    {isOpen ? (
                      <TR className="bg-zinc-50/60">
                        <TD colSpan={4}>
                          <ToolRulesPanel
                            idPrefix={`builder-${tool.name}`}
                            toolName={tool.name}
                            form={form}
                            fields={tool.fields}
                            onChange={(patch) => update(tool.name, patch)}
                            errorsAt={errorsAt}
                          />
                        </TD>
                      </TR>
                    ) : null}
                  </Fragment>
                );
              })}
            </TBody>
          </Table>
          <details>
            <summary className="cursor-pointer text-sm text-zinc-700">Generated JSON</summary>
            <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">{json}</pre>
          </details>
          {state?.ok && edits.count === edits.submitted ? <FormMessage tone="success">Saved as version {state.data.version}.</FormMessage> : null}
          {built.errors.length > 0 && edits.submitted === edits.count ? (
            <FormMessage tone="error">Fix the highlighted values before saving: nothing was sent.</FormMessage>
          ) : null}
          {state && !state.ok && edits.count === edits.submitted ? <SaveErrors error={state.error} fieldErrors={state.fieldErrors} /> : null}
          <div>
            <SubmitButton pendingLabel="Saving…" data-testid="save-builder">
              Save builder changes as new version
            </SubmitButton>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
