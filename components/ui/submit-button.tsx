"use client";

import { useFormStatus } from "react-dom";
import { type ButtonProps, buttonClassName } from "./button";
import { Spinner } from "./spinner";

export type SubmitButtonProps = Omit<ButtonProps, "type"> & {
  /** Shown while the form's action runs, e.g. "Saving…". Defaults to the normal label. */
  pendingLabel?: string;
};

/**
 * Submits its parent form and disables itself while that form's action runs, so a double click
 * cannot create two servers or mint two tokens.
 */
export function SubmitButton({ variant, size, className, children, pendingLabel, disabled, ...props }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} className={buttonClassName(variant, size, className)} {...props}>
      {pending && <Spinner />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
