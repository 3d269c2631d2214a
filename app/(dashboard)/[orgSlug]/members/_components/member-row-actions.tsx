"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { Role } from "@/lib/auth/roles";
import { changeRoleAction, removeMemberAction } from "../actions";

export function MemberRowActions({ orgSlug, membershipId, role, email }: { orgSlug: string; membershipId: string; role: Role; email: string }) {
  const [roleState, changeRole] = useActionState<ActionResult | null, FormData>(changeRoleAction, null);
  const [removeState, remove] = useActionState<ActionResult | null, FormData>(removeMemberAction, null);
  const error = (roleState && !roleState.ok && roleState.error) || (removeState && !removeState.ok && removeState.error);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <form action={changeRole} className="flex items-center gap-2">
          <input type="hidden" name="orgSlug" value={orgSlug} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <Select name="role" defaultValue={role} aria-label={`Role of ${email}`} className="w-40">
            <option value="viewer">Viewer</option>
            <option value="policy_manager">Policy manager</option>
            <option value="admin">Admin</option>
          </Select>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…">
            Save role
          </SubmitButton>
        </form>
        <form action={remove}>
          <input type="hidden" name="orgSlug" value={orgSlug} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <ConfirmButton label="Remove" message={`${email} loses access at once.`} testId={`remove-${email}`} />
        </form>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
