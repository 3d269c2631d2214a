/**
 * Reading and validating the parts of a request: the body with a size limit (checked on the bytes
 * actually read, not only on Content-Length, which a client can omit), JSON parsing, and zod
 * validation whose issues become `details.fieldErrors` keyed by dotted field path.
 */
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { BodyTooLargeError, readBodyWithLimit } from "@/lib/http/read-body";

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  try {
    return Buffer.from(await readBodyWithLimit(request, maxBytes)).toString("utf8");
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge(maxBytes);
    throw error;
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
}

export function parseJsonText(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

export function toFieldErrors(error: z.ZodError, prefix?: string): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_root";
    (fieldErrors[path] ??= []).push(issue.message);
  }
  return fieldErrors;
}

export function validateInput<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "query" | "path"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fieldErrors = toFieldErrors(parsed.error, where === "body" ? undefined : where);
  const count = parsed.error.issues.length;
  throw new AppError("validation_failed", `The request ${where === "path" ? "path" : where} has ${count} invalid field${count === 1 ? "" : "s"}.`, {
    fieldErrors,
  });
}

export function searchParamsToRecord(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in record)) record[key] = value;
  return record;
}
