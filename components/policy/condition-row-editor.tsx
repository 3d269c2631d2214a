"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { ConditionOp } from "@/lib/policy/types";
import { type ConditionRow, isListOp } from "@/lib/policy-builder/rule-rows";
import { operatorsForType, type SchemaField, type ValueKind, valueKindForField } from "@/lib/policy-builder/schema-fields";

const OTHER_PATH = "__other";

const OP_LABELS: Record<ConditionOp, string> = {
  eq: "equals",
  neq: "does not equal",
  lt: "less than",
  lte: "at most",
  gt: "greater than",
  gte: "at least",
  in: "is one of",
  not_in: "is none of",
  exists: "is present / absent",
  regex: "matches regex",
  contains: "contains",
};

const KINDS: Array<[ValueKind, string]> = [
  ["string", "text"],
  ["number", "number"],
  ["boolean", "true/false"],
  ["json", "JSON"],
];

export type ConditionRowEditorProps = {
  id: string;
  row: ConditionRow;
  fields: SchemaField[];
  onChange: (row: ConditionRow) => void;
  onRemove: () => void;
  /** Errors at a key of this condition ("path", "op", "value", "flags"), or at the condition itself (""). */
  errorsAt: (key: string) => string[];
};

/** One condition: a field of the tool's input schema (or any path), an operator valid for its type, and a typed value. */
export function ConditionRowEditor({ id, row, fields, onChange, onRemove, errorsAt }: ConditionRowEditorProps) {
  const field = fields.find((candidate) => candidate.path === row.path);
  const type = field?.type ?? "unknown";
  const ops = operatorsForType(type);
  const offeredOps = ops.includes(row.op) ? ops : [...ops, row.op];
  const isKindFixed = field !== undefined && valueKindForField(field) !== "json" && valueKindForField(field) === row.kind;
  const pickField = (path: string) => {
    if (path === OTHER_PATH) return onChange({ ...row, path: field ? "args." : row.path });
    const next = fields.find((candidate) => candidate.path === path);
    const nextOps = operatorsForType(next?.type ?? "unknown");
    const kind = valueKindForField(next);
    const op = nextOps.includes(row.op) ? row.op : (nextOps[0] ?? "exists");
    onChange({ ...row, path, op, kind, value: kind === row.kind ? row.value : op === "exists" ? "true" : "", flags: op === "regex" ? row.flags : "" });
  };
  const pickOp = (op: ConditionOp) =>
    onChange({ ...row, op, value: op === "exists" ? "true" : row.op === "exists" ? "" : row.value, flags: op === "regex" ? row.flags : "" });
  return (
    <div className="grid items-start gap-3 md:grid-cols-[1.2fr_1fr_1.6fr_auto]" data-testid={`condition-${id}`}>
      <Field id={`${id}-path`} label="Field" errors={errorsAt("path")}>
        {(control) => (
          <div className="space-y-2">
            <Select
              {...(field ? control : {})}
              aria-label={field ? undefined : "Field"}
              value={field ? row.path : OTHER_PATH}
              onChange={(e) => pickField(e.target.value)}
            >
              {fields.map((candidate) => (
                <option key={candidate.path} value={candidate.path}>
                  {candidate.label} ({candidate.type})
                </option>
              ))}
              <option value={OTHER_PATH}>Other path…</option>
            </Select>
            {field ? null : (
              <Input
                {...control}
                value={row.path}
                placeholder="args.field"
                className="font-mono"
                onChange={(e) => onChange({ ...row, path: e.target.value })}
              />
            )}
          </div>
        )}
      </Field>
      <Field id={`${id}-op`} label="Operator" errors={errorsAt("op")}>
        {(control) => (
          <Select {...control} value={row.op} onChange={(e) => pickOp(e.target.value as ConditionOp)}>
            {offeredOps.map((op) => (
              <option key={op} value={op}>
                {OP_LABELS[op]} ({op})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="space-y-2">
        <Field id={`${id}-value`} label="Value" errors={errorsAt("value")} hint={valueHint(row)}>
          {(control) => <ValueInput control={control} row={row} field={field} onChange={onChange} />}
        </Field>
        {row.op === "regex" ? (
          <Field id={`${id}-flags`} label="Flags" isOptional errors={errorsAt("flags")}>
            {(control) => (
              <Input
                {...control}
                value={row.flags}
                placeholder="i, m, s, u"
                className="w-28 font-mono"
                onChange={(e) => onChange({ ...row, flags: e.target.value })}
              />
            )}
          </Field>
        ) : null}
        {row.op !== "exists" && row.op !== "regex" && !isKindFixed ? (
          <Select aria-label="Value type" value={row.kind} onChange={(e) => onChange({ ...row, kind: e.target.value as ValueKind })} className="w-36">
            {KINDS.map(([kind, label]) => (
              <option key={kind} value={kind}>
                as {label}
              </option>
            ))}
          </Select>
        ) : null}
      </div>
      <div className="pt-6">
        <Button variant="ghost" size="sm" onClick={onRemove} aria-label="Remove condition">
          Remove
        </Button>
      </div>
    </div>
  );
}

function valueHint(row: ConditionRow): string | undefined {
  if (isListOp(row.op)) return row.kind === "json" ? "A JSON array." : "One item per line.";
  if (row.op === "regex") return "Checked for catastrophic backtracking on save.";
  return undefined;
}

type ValueInputProps = {
  control: Record<string, unknown>;
  row: ConditionRow;
  field: SchemaField | undefined;
  onChange: (row: ConditionRow) => void;
};

function ValueInput({ control, row, field, onChange }: ValueInputProps) {
  const set = (value: string) => onChange({ ...row, value });
  if (row.op === "exists") {
    return (
      <Select {...control} value={row.value === "false" ? "false" : "true"} onChange={(e) => set(e.target.value)}>
        <option value="true">is present</option>
        <option value="false">is absent</option>
      </Select>
    );
  }
  if (isListOp(row.op)) return <Textarea {...control} isCode rows={3} value={row.value} onChange={(e) => set(e.target.value)} />;
  if (row.kind === "boolean") {
    return (
      <Select {...control} value={row.value} onChange={(e) => set(e.target.value)}>
        {row.value === "" ? <option value="">choose…</option> : null}
        <option value="true">true</option>
        <option value="false">false</option>
      </Select>
    );
  }
  const listId = field?.type === "enum" && row.kind === "string" ? `${String(control.id)}-options` : undefined;
  return (
    <>
      <Input
        {...control}
        type={row.kind === "number" ? "number" : "text"}
        step={row.kind === "number" ? "any" : undefined}
        list={listId}
        value={row.value}
        className={row.kind === "json" || row.op === "regex" ? "font-mono" : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {listId ? (
        <datalist id={listId}>
          {(field?.enumValues ?? []).map((value) => (
            <option key={String(value)} value={String(value)} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}
