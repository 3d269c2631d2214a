"use client";

import { type ReactNode, useActionState } from "react";
import type { ActionResult } from "@/lib/actions/define-action";
import { cx } from "./ui/cx";

export type ActionFormProps = {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult>;
  /** Hidden inputs, e.g. { orgSlug, grantId }. */
  fields: Record<string, string>;
  /** Buttons (SubmitButton, ConfirmButton) and visible controls. */
  children: ReactNode;
  successMessage?: string;
  className?: string;
};

/**
 * A small form around one server action, for row buttons such as accept, restore or delete; it shows
 * the action's error beside them. An action defined with `redirectOnSuccess` leaves the page on
 * success (a server-side redirect, so the form also works without JavaScript).
 */
export function ActionForm({ action, fields, children, successMessage, className }: ActionFormProps) {
  const [state, formAction] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction} className={cx("inline-flex flex-wrap items-center gap-2", className)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-denied-700">
          {state.fieldErrors ? Object.values(state.fieldErrors).flat().join(" ") : state.error}
        </span>
      ) : null}
      {state?.ok && successMessage ? (
        <span role="status" className="text-sm text-allowed-700">
          {successMessage}
        </span>
      ) : null}
    </form>
  );
}
