"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { CHAIN_BREAK_DESCRIPTIONS } from "@/lib/audit-chain/reasons";
import type { CallChainReport } from "@/lib/db/call-chain";
import { verifyCallChainAction } from "../actions";

/** "Verify integrity": recomputes the organisation's call-log hash chain and shows the verdict. */
export function VerifyChainForm({ orgSlug }: { orgSlug: string }) {
  const [state, formAction] = useActionState<ActionResult<CallChainReport> | null, FormData>(verifyCallChainAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid="verify-chain">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" size="sm" pendingLabel="Verifying…">
          Verify integrity
        </SubmitButton>
        <p className="text-sm text-zinc-600">Recomputes every sealed row's hash and its link to the row before it.</p>
      </div>
      {state && !state.ok ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      {state?.ok ? <VerifyResult report={state.data} /> : null}
    </form>
  );
}

function VerifyResult({ report }: { report: CallChainReport }) {
  const anchor = report.anchoredAt
    ? report.anchoredAt.kind === "genesis"
      ? ` from the first call (#${report.anchoredAt.rowId})`
      : ` from call #${report.anchoredAt.rowId}, the oldest one left after retention deleted older calls`
    : "";
  const unsealed = `${report.unsealedRows} newer ${report.unsealedRows === 1 ? "call is" : "calls are"} not sealed yet (calls are sealed about 10 minutes after they happen).`;
  if (report.ok) {
    return (
      <FormMessage tone="success" title="The call log is intact">
        {`${report.checkedRows} sealed ${report.checkedRows === 1 ? "call" : "calls"} checked${anchor}. ${unsealed}`}
      </FormMessage>
    );
  }
  return (
    <FormMessage tone="error" title={`The chain is broken at call #${report.firstBrokenRowId}`}>
      {`${report.reason ? CHAIN_BREAK_DESCRIPTIONS[report.reason] : ""} ${report.checkedRows} calls before it checked${anchor}.`}
    </FormMessage>
  );
}
