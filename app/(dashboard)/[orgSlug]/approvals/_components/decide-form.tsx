"use client";

import { useActionState, useId } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/define-action";
import { APPROVAL_NOTE_MAX } from "@/lib/validation/approval";
import { decideApprovalAction } from "../actions";

/**
 * Approve or deny one held call, with an optional note. Both buttons submit the same form with their
 * own `decision` value (also without JavaScript); deny asks for confirmation first. Errors, such as
 * "already decided", appear beside the buttons.
 */
export function DecideForm({ orgSlug, approvalId, tool }: { orgSlug: string; approvalId: string; tool: string }) {
  const [state, formAction] = useActionState<ActionResult | null, FormData>(decideApprovalAction, null);
  const noteId = useId();
  const error = state && !state.ok ? (state.fieldErrors ? Object.values(state.fieldErrors).flat().join(" ") : state.error) : null;
  return (
    <form action={formAction} className="flex flex-col gap-2" data-testid={`decide-${approvalId}`}>
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="approvalId" value={approvalId} />
      <label htmlFor={noteId} className="text-sm font-medium text-zinc-700">
        Note <span className="font-normal text-zinc-500">(optional, kept with the decision)</span>
      </label>
      <Textarea id={noteId} name="note" rows={2} maxLength={APPROVAL_NOTE_MAX} defaultValue={state && !state.ok ? state.values?.note : undefined} />
      <div className="flex flex-wrap items-center gap-2">
        <SubmitButton name="decision" value="approve" size="sm" pendingLabel="Approving…" data-testid={`approve-${approvalId}`}>
          Approve
        </SubmitButton>
        <ConfirmButton
          label="Deny"
          name="decision"
          value="deny"
          message={`The agent's call to ${tool} will be refused.`}
          pendingLabel="Denying…"
          testId={`deny-${approvalId}`}
        />
        {error ? (
          <span role="alert" className="text-sm text-denied-700">
            {error}
          </span>
        ) : null}
      </div>
    </form>
  );
}
