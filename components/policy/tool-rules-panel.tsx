"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SchemaField } from "@/lib/policy-builder/schema-fields";
import { type ToolForm, toolPointer } from "@/lib/policy-builder/tool-form";
import { LimitRowsEditor } from "./limit-rows-editor";
import { RuleRowsEditor } from "./rule-rows-editor";

export type ToolRulesPanelProps = {
  idPrefix: string;
  toolName: string;
  form: ToolForm;
  fields: SchemaField[];
  onChange: (patch: Partial<ToolForm>) => void;
  errorsAt: (pointer: string) => string[];
};

/** The forms behind one tool's choice: the message, the approval timeout, limits and argument rules. */
export function ToolRulesPanel({ idPrefix, toolName, form, fields, onChange, errorsAt }: ToolRulesPanelProps) {
  const base = toolPointer(toolName);
  const hasReason = form.choice === "deny" || form.choice === "approval";
  const hasRules = form.choice === "allow" || form.choice === "approval";
  return (
    <div className="space-y-5">
      {hasReason || form.choice === "approval" ? (
        <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
          {hasReason ? (
            <Field id={`${idPrefix}-reason`} label="Message to the agent" isOptional errors={errorsAt(`${base}/reason`)}>
              {(control) => <Input {...control} value={form.reason} onChange={(e) => onChange({ reason: e.target.value })} />}
            </Field>
          ) : null}
          {form.choice === "approval" ? (
            <Field
              id={`${idPrefix}-timeout`}
              label="Approval expires after"
              hint='e.g. "20s", "30m", "2h", "1d"; blank uses the default.'
              errors={[...errorsAt(`${base}/approval`), ...errorsAt(`${base}/approval/timeout`)]}
            >
              {(control) => (
                <Input {...control} value={form.approvalTimeout} className="font-mono" onChange={(e) => onChange({ approvalTimeout: e.target.value })} />
              )}
            </Field>
          ) : null}
        </div>
      ) : null}
      {hasRules ? (
        <>
          <RuleRowsEditor
            idPrefix={`${idPrefix}-require`}
            title="Require"
            description="Every rule must hold, otherwise the call is denied with the rule's message."
            rows={form.require}
            fields={fields}
            onChange={(require) => onChange({ require })}
            pointer={`${base}/require`}
            errorsAt={errorsAt}
          />
          <RuleRowsEditor
            idPrefix={`${idPrefix}-deny-if`}
            title="Deny if"
            description="The first rule whose conditions all hold denies the call."
            rows={form.denyIf}
            fields={fields}
            onChange={(denyIf) => onChange({ denyIf })}
            pointer={`${base}/deny_if`}
            errorsAt={errorsAt}
          />
          <LimitRowsEditor
            idPrefix={`${idPrefix}-limit`}
            toolName={toolName}
            rows={form.limits}
            onChange={(limits) => onChange({ limits })}
            pointer={`${base}/limits`}
            errorsAt={errorsAt}
          />
        </>
      ) : null}
      {fields.length === 0 && hasRules ? (
        <p className="text-sm text-zinc-500">The catalogue has no input schema properties for this tool; write paths such as args.amount by hand.</p>
      ) : null}
    </div>
  );
}
