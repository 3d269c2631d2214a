"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { acceptInvitationAction } from "./actions";

export function AcceptForm({ token }: { token: string }) {
  const router = useRouter();
  const [state, formAction] = useActionState<ActionResult<{ orgSlug: string }> | null, FormData>(acceptInvitationAction, null);
  useEffect(() => {
    if (state?.ok) router.push(`/${state.data.orgSlug}`);
  }, [state, router]);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      <SubmitButton pendingLabel="Joining…">Accept invitation</SubmitButton>
    </form>
  );
}
