"use client";

import { type ComponentProps, useEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { type ButtonSize, type ButtonVariant, buttonClassName } from "./button";
import { cx } from "./cx";
import { Spinner } from "./spinner";

export type ConfirmButtonProps = {
  /** The action's verb, e.g. "Revoke"; the second step reads "Confirm revoke". */
  label: string;
  confirmLabel?: string;
  /** Shown beside the confirm button, e.g. "The agent loses access on its next call." */
  message?: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Sent with the form by the confirm button, e.g. name="intent" value="revoke". */
  name?: string;
  value?: string;
  formAction?: ComponentProps<"button">["formAction"];
  disabled?: boolean;
  /** Test ids: `${testId}-trigger`, `${testId}-submit` and `${testId}-cancel`. */
  testId?: string;
  className?: string;
};

/**
 * Two-step destructive submit inside a form: the first click reveals "Confirm <label>", the second
 * submits. Inline rather than window.confirm so it is styled, accessible and scriptable by Playwright.
 */
export function ConfirmButton({
  label,
  confirmLabel = `Confirm ${label.toLowerCase()}`,
  message = "Are you sure?",
  pendingLabel,
  variant = "danger",
  size = "sm",
  name,
  value,
  formAction,
  disabled,
  testId = "confirm",
  className,
}: ConfirmButtonProps) {
  const [isConfirming, setIsConfirming] = useState(false);
  const { pending } = useFormStatus();
  const [wasPending, setWasPending] = useState(false);
  if (pending !== wasPending) {
    setWasPending(pending);
    // The action finished; if this row is still on screen, go back to the first step.
    if (!pending) setIsConfirming(false);
  }
  const cancelRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const hasOpened = useRef(false);

  // Focus lands on Cancel, not Confirm, so pressing Enter twice cannot destroy anything.
  useEffect(() => {
    if (isConfirming) cancelRef.current?.focus();
    else if (hasOpened.current) triggerRef.current?.focus();
    hasOpened.current = isConfirming || hasOpened.current;
  }, [isConfirming]);

  const submitProps = { name, value, formAction, className: buttonClassName(variant, size) };

  if (!isConfirming) {
    return (
      <span className={className}>
        <button
          ref={triggerRef}
          type="button"
          disabled={disabled || pending}
          onClick={() => setIsConfirming(true)}
          data-testid={`${testId}-trigger`}
          className={buttonClassName(variant === "danger" ? "secondary" : variant, size)}
        >
          {label}
        </button>
        {/* Without JavaScript the two-step UI cannot open, so offer the confirm button directly. */}
        <noscript>
          <button type="submit" {...submitProps}>
            {confirmLabel}
          </button>
        </noscript>
      </span>
    );
  }

  return (
    <fieldset
      aria-label={confirmLabel}
      className={cx("inline-flex min-w-0 flex-wrap items-center gap-2", className)}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) setIsConfirming(false);
      }}
    >
      <span className="text-sm text-zinc-700">{message}</span>
      <button type="submit" disabled={pending} data-testid={`${testId}-submit`} {...submitProps}>
        {pending && <Spinner />}
        {pending && pendingLabel ? pendingLabel : confirmLabel}
      </button>
      <button
        ref={cancelRef}
        type="button"
        disabled={pending}
        onClick={() => setIsConfirming(false)}
        data-testid={`${testId}-cancel`}
        className={buttonClassName("ghost", size)}
      >
        Cancel
      </button>
    </fieldset>
  );
}
