import { cx } from "./cx";

export type FieldErrorProps = {
  errors?: string[];
  /** Referenced by the control's `aria-describedby`; see `fieldErrorId`. */
  id?: string;
  /** Defaults to a top margin for use under a control; Field passes its own spacing. */
  className?: string;
};

/** The id Field gives a control's error message, for controls wired by hand. */
export function fieldErrorId(controlId: string): string {
  return `${controlId}-error`;
}

/** Shows every message for one field (zod may report several); renders nothing when there are none. */
export function FieldError({ errors, id, className }: FieldErrorProps) {
  const messages = (errors ?? []).filter((message) => message.length > 0);
  if (messages.length === 0) return null;
  return (
    <div id={id} role="alert" className={cx("text-sm text-denied-700", className ?? "mt-1.5")}>
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul className="list-disc space-y-0.5 pl-5">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
