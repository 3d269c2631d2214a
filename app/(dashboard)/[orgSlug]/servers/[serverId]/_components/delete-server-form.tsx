"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { deleteServerAction } from "../../actions";

export function DeleteServerForm({ orgSlug, serverId, name }: { orgSlug: string; serverId: string; name: string }) {
  const router = useRouter();
  const [state, formAction] = useActionState<ActionResult<{ redirectTo: string }> | null, FormData>(deleteServerAction, null);
  useEffect(() => {
    if (state?.ok) router.push(state.data.redirectTo);
  }, [state, router]);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3 border-t border-zinc-200 pt-4">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="serverId" value={serverId} />
      <span className="text-sm text-zinc-700">Deleting {name} removes its tools, policies and grants; agents lose access at once. Call logs are kept.</span>
      <ConfirmButton label="Delete server" message="This cannot be undone." testId="delete-server" />
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-denied-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
