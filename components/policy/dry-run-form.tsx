"use client";

import { useActionState, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { FormMessage } from "@/components/ui/form-message";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/define-action";
import type { DryRunRow, ToolVerdict } from "@/lib/servers/dry-run";

type Result = ActionResult<{ days: number; rows: DryRunRow[] }>;

const VERDICTS: Record<ToolVerdict, [string, BadgeTone]> = {
  allow: ["Allowed", "green"],
  limited: ["Allowed within limits", "blue"],
  approval: ["Needs approval", "amber"],
  depends_on_arguments: ["Depends on arguments", "neutral"],
  deny: ["Denied", "red"],
  hidden: ["Hidden", "gray"],
};

export type DryRunFormProps = {
  orgSlug: string;
  policyId: string;
  draftSourceId: string;
  dryRunAction: (previous: unknown, formData: FormData) => Promise<Result>;
};

/** Replays recent traffic per tool against the saved version or the editor's draft. */
export function DryRunForm({ orgSlug, policyId, draftSourceId, dryRunAction }: DryRunFormProps) {
  const [state, formAction] = useActionState<Result | null, FormData>(dryRunAction, null);
  const [isDraft, setIsDraft] = useState(true);
  const submit = (formData: FormData) => {
    const source = document.getElementById(draftSourceId);
    if (isDraft && source instanceof HTMLTextAreaElement) formData.set("document", source.value);
    formAction(formData);
  };
  const errors = state && !state.ok ? Object.values(state.fieldErrors ?? {}).flat() : [];
  return (
    <form action={submit} className="flex flex-col gap-3" data-testid="dry-run">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="policyId" value={policyId} />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Select name="days" defaultValue="7" aria-label="Days of traffic" className="w-36">
          <option value="1">Last day</option>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
        </Select>
        <label className="inline-flex items-center gap-2 text-zinc-700">
          <input type="checkbox" checked={isDraft} onChange={(event) => setIsDraft(event.target.checked)} />
          Use the editor's unsaved text
        </label>
        <SubmitButton variant="secondary" pendingLabel="Replaying…">
          Run dry run
        </SubmitButton>
      </div>
      {state && !state.ok ? <FormMessage tone="error">{errors.length > 0 ? errors.join(" ") : state.error}</FormMessage> : null}
      {state?.ok && state.data.rows.length === 0 ? (
        <p className="text-sm text-zinc-600">No tool calls on this server in the last {state.data.days} days.</p>
      ) : null}
      {state?.ok && state.data.rows.length > 0 ? (
        <Table caption="Dry run by tool">
          <THead>
            <TR>
              <TH>Tool</TH>
              <TH className="text-right">Calls</TH>
              <TH className="text-right">Were allowed</TH>
              <TH className="text-right">Were denied</TH>
              <TH>With this document</TH>
            </TR>
          </THead>
          <TBody>
            {state.data.rows.map((row) => {
              const [label, tone] = VERDICTS[row.verdict];
              return (
                <TR key={row.tool} className={row.isChange ? "bg-pending-50" : undefined}>
                  <TD className="font-mono">{row.tool}</TD>
                  <TD className="text-right tabular-nums">{row.calls}</TD>
                  <TD className="text-right tabular-nums">{row.previouslyAllowed}</TD>
                  <TD className="text-right tabular-nums">{row.previouslyDenied}</TD>
                  <TD>
                    <Badge tone={tone}>{label}</Badge>
                    {row.isChange ? <span className="ml-2 text-xs text-pending-800">changes</span> : null}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      ) : null}
      <p className="text-xs text-zinc-500">
        Argument values are never logged, so argument rules and counters are not replayed: such tools show "depends on arguments" or "within limits".
      </p>
    </form>
  );
}
