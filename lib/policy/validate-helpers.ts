/**
 * Shared pieces of policy validation: an error collector (we report every error at once, so an
 * author fixes a document in one round trip) and checks for object shape and unknown keys.
 */
export type PolicyError = { pointer: string; message: string; found?: unknown; expected?: string };

export class ErrorSink {
  readonly errors: PolicyError[] = [];

  add(pointer: string, message: string, found?: unknown, expected?: string): void {
    const error: PolicyError = { pointer, message };
    if (found !== undefined) error.found = found;
    if (expected !== undefined) error.expected = expected;
    this.errors.push(error);
  }
}

/** Escapes a key for use in a JSON pointer (RFC 6901): "~" → "~0", "/" → "~1". */
export function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function joinPointer(base: string, key: string | number): string {
  return `${base}/${typeof key === "number" ? key : escapePointer(key)}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Checks that `value` is an object and reports every key outside `allowed`; returns the object or null. */
export function expectObject(value: unknown, pointer: string, allowed: readonly string[], sink: ErrorSink): Record<string, unknown> | null {
  if (!isPlainObject(value)) {
    sink.add(pointer, `must be an object, found ${describeType(value)}`, value, "object");
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      sink.add(joinPointer(pointer, key), `unknown key "${key}"; allowed keys are ${allowed.join(", ")}`, key, allowed.join(" | "));
    }
  }
  return value;
}

export function expectString(value: unknown, pointer: string, sink: ErrorSink, isEmptyAllowed = false): string | null {
  if (typeof value !== "string" || (!isEmptyAllowed && value.length === 0)) {
    sink.add(pointer, typeof value === "string" ? "must not be empty" : `must be a string, found ${describeType(value)}`, value, "string");
    return null;
  }
  return value;
}

export function expectArray(value: unknown, pointer: string, sink: ErrorSink): unknown[] | null {
  if (!Array.isArray(value)) {
    sink.add(pointer, `must be an array, found ${describeType(value)}`, value, "array");
    return null;
  }
  return value;
}
