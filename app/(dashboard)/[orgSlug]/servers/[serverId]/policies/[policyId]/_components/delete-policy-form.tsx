"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { deletePolicyAction } from "../../actions";

export function DeletePolicyForm({ orgSlug, policyId, redirectTo }: { orgSlug: string; policyId: string; redirectTo: string }) {
  const router = useRouter();
  const [state, formAction] = useActionState<ActionResult | null, FormData>(deletePolicyAction, null);
  useEffect(() => {
    if (state?.ok) router.push(redirectTo);
  }, [state, router, redirectTo]);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="policyId" value={policyId} />
      <ConfirmButton label="Delete policy" message="Grants using it will have no policy: their calls are denied." testId="delete-policy" />
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-denied-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
