import type { ReactNode } from "react";
import { cx } from "./cx";
import { FieldError, fieldErrorId } from "./field-error";
import { Label } from "./label";

/** What Field passes to a control rendered by a function child: spread it onto the control. */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

export type FieldProps = {
  /** The control's id; the label, hint and error ids derive from it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  isOptional?: boolean;
  className?: string;
  /**
   * A function child receives the id, `aria-describedby` and `aria-invalid` to spread onto the control;
   * a plain child must set those itself (use `fieldHintId` / `fieldErrorId`).
   */
  children: ReactNode | ((control: FieldControlProps) => ReactNode);
};

export function fieldHintId(controlId: string): string {
  return `${controlId}-hint`;
}

/**
 * Label, control, hint and error in one block.
 *
 * ```tsx
 * <Field id="name" label="Name" hint="Shown in logs." errors={state.fieldErrors?.name}>
 *   {(control) => <Input name="name" defaultValue={state.values?.name} {...control} />}
 * </Field>
 * ```
 */
export function Field({ id, label, hint, errors, isOptional, className, children }: FieldProps) {
  const hasErrors = (errors ?? []).some((message) => message.length > 0);
  const describedBy = [hint ? fieldHintId(id) : null, hasErrors ? fieldErrorId(id) : null].filter(Boolean).join(" ");
  const control: FieldControlProps = {
    id,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(hasErrors ? { "aria-invalid": true as const } : {}),
  };
  return (
    <div className={cx("space-y-1.5", className)}>
      <Label htmlFor={id} isOptional={isOptional}>
        {label}
      </Label>
      {typeof children === "function" ? children(control) : children}
      {hint && (
        <p id={fieldHintId(id)} className="text-sm text-zinc-500">
          {hint}
        </p>
      )}
      <FieldError id={fieldErrorId(id)} errors={errors} className="" />
    </div>
  );
}
