"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LIMIT_SCOPES, type LimitRow, newLimitRow, WINDOW_NAMES } from "@/lib/policy-builder/limit-rows";

export type LimitRowsEditorProps = {
  idPrefix: string;
  toolName: string;
  rows: LimitRow[];
  onChange: (rows: LimitRow[]) => void;
  /** JSON pointer of the tool's `limits` array; errors are looked up below it. */
  pointer: string;
  errorsAt: (pointer: string) => string[];
};

/** Rows of {counter, window, max, scope, amount_from}; the engine validates them on save. */
export function LimitRowsEditor({ idPrefix, toolName, rows, onChange, pointer, errorsAt }: LimitRowsEditorProps) {
  const update = (index: number, patch: Partial<LimitRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-zinc-900">Limits</legend>
      {rows.length === 0 ? <p className="text-sm text-zinc-500">No limits: calls to this tool are not counted.</p> : null}
      {rows.map((row, index) => {
        const at = `${pointer}/${index}`;
        const id = `${idPrefix}-${index}`;
        const isNamedWindow = (WINDOW_NAMES as string[]).includes(row.window);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; their index is their place in the document.
          <div key={index} className="rounded-md border border-zinc-200 p-3" data-testid={`limit-row-${toolName}-${index}`}>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1.3fr_1.1fr_0.7fr_0.9fr_1.1fr_auto]">
              <Field id={`${id}-counter`} label="Counter" errors={errorsAt(`${at}/counter`)}>
                {(control) => (
                  <Input
                    {...control}
                    value={row.counter}
                    placeholder={`${toolName}:${row.window || "minute"}`}
                    onChange={(e) => update(index, { counter: e.target.value })}
                    className="font-mono"
                  />
                )}
              </Field>
              <Field id={`${id}-window`} label="Window" errors={errorsAt(`${at}/window`)}>
                {(control) => (
                  <div className="flex gap-2">
                    <Select
                      {...(isNamedWindow ? control : {})}
                      aria-label={isNamedWindow ? undefined : `Window unit of limit ${index + 1}`}
                      value={isNamedWindow ? row.window : "seconds"}
                      onChange={(e) => update(index, { window: e.target.value === "seconds" ? "60" : e.target.value })}
                      className="min-w-24 flex-1"
                    >
                      {WINDOW_NAMES.map((name) => (
                        <option key={name} value={name}>
                          {name}
                        </option>
                      ))}
                      <option value="seconds">seconds…</option>
                    </Select>
                    {isNamedWindow ? null : (
                      <Input
                        {...control}
                        type="number"
                        min={1}
                        max={2678400}
                        className="w-24"
                        value={row.window}
                        onChange={(e) => update(index, { window: e.target.value })}
                      />
                    )}
                  </div>
                )}
              </Field>
              <Field id={`${id}-max`} label="Max" errors={errorsAt(`${at}/max`)}>
                {(control) => <Input {...control} type="number" min={1} step={1} value={row.max} onChange={(e) => update(index, { max: e.target.value })} />}
              </Field>
              <Field id={`${id}-scope`} label="Per" errors={errorsAt(`${at}/scope`)}>
                {(control) => (
                  <Select {...control} value={row.scope} onChange={(e) => update(index, { scope: e.target.value as LimitRow["scope"] })}>
                    {row.scope === "" ? <option value="">grant (default)</option> : null}
                    {LIMIT_SCOPES.map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field id={`${id}-amount`} label="Amount from" isOptional errors={errorsAt(`${at}/amount_from`)}>
                {(control) => (
                  <Input
                    {...control}
                    value={row.amountFrom}
                    placeholder="args.amount"
                    onChange={(e) => update(index, { amountFrom: e.target.value })}
                    className="font-mono"
                  />
                )}
              </Field>
              <div className="flex items-end">
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                  aria-label={`Remove limit ${index + 1} of ${toolName}`}
                >
                  Remove
                </Button>
              </div>
            </div>
            <FieldError errors={errorsAt(at)} />
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, newLimitRow()])} data-testid={`add-limit-${toolName}`}>
        Add limit
      </Button>
    </fieldset>
  );
}
