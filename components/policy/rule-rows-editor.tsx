"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { newConditionRow, newRuleRow, type RuleRow } from "@/lib/policy-builder/rule-rows";
import { operatorsForType, type SchemaField, valueKindForField } from "@/lib/policy-builder/schema-fields";
import { ConditionRowEditor } from "./condition-row-editor";

export type RuleRowsEditorProps = {
  idPrefix: string;
  title: string;
  description: string;
  rows: RuleRow[];
  fields: SchemaField[];
  onChange: (rows: RuleRow[]) => void;
  /** JSON pointer of the tool's `require` or `deny_if` array. */
  pointer: string;
  errorsAt: (pointer: string) => string[];
};

function firstCondition(fields: SchemaField[]) {
  const field = fields[0];
  if (!field) return newConditionRow("args.", "exists", "boolean");
  const op = operatorsForType(field.type)[0] ?? "exists";
  return newConditionRow(field.path, op, valueKindForField(field));
}

/** `require` or `deny_if` rules: each rule ANDs its conditions and carries the message the agent reads. */
export function RuleRowsEditor({ idPrefix, title, description, rows, fields, onChange, pointer, errorsAt }: RuleRowsEditorProps) {
  const replace = (index: number, row: RuleRow) => onChange(rows.map((current, i) => (i === index ? row : current)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-zinc-900">{title}</legend>
      <p className="text-sm text-zinc-500">{description}</p>
      {rows.map((rule, index) => {
        const at = `${pointer}/${index}`;
        const id = `${idPrefix}-${index}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity of their own; their index is their place in the document.
          <div key={index} className="space-y-3 rounded-md border border-zinc-200 p-3" data-testid={`rule-${id}`}>
            {rule.conditions.length === 0 ? <p className="text-sm text-zinc-500">No conditions: this rule always applies.</p> : null}
            {rule.conditions.map((condition, conditionIndex) => (
              <ConditionRowEditor
                // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own.
                key={conditionIndex}
                id={`${id}-${conditionIndex}`}
                row={condition}
                fields={fields}
                onChange={(next) => replace(index, { ...rule, conditions: rule.conditions.map((c, i) => (i === conditionIndex ? next : c)) })}
                onRemove={() => replace(index, { ...rule, conditions: rule.conditions.filter((_, i) => i !== conditionIndex) })}
                errorsAt={(key) => errorsAt(key ? `${at}/conditions/${conditionIndex}/${key}` : `${at}/conditions/${conditionIndex}`)}
              />
            ))}
            <FieldError errors={[...errorsAt(at), ...errorsAt(`${at}/conditions`)]} />
            <Field id={`${id}-on-deny`} label="Message when denied" isOptional errors={errorsAt(`${at}/on_deny`)}>
              {(control) => <Input {...control} value={rule.onDeny} onChange={(e) => replace(index, { ...rule, onDeny: e.target.value })} />}
            </Field>
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" size="sm" onClick={() => replace(index, { ...rule, conditions: [...rule.conditions, firstCondition(fields)] })}>
                Add condition (AND)
              </Button>
              <Button variant="ghost" size="sm" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                Remove rule
              </Button>
            </div>
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, newRuleRow(firstCondition(fields))])} data-testid={`add-${idPrefix}`}>
        Add rule
      </Button>
    </fieldset>
  );
}
