/**
 * Serialises call rows for export. CSV cells that start with =, +, - or @ are prefixed with a
 * quote, because tool names and messages come from agents and upstreams and a spreadsheet would
 * otherwise run them as formulas.
 */
import type { CallDto } from "@/lib/db/calls";

export const CALL_EXPORT_COLUMNS = [
  "id",
  "createdAt",
  "decision",
  "code",
  "rule",
  "message",
  "method",
  "tool",
  "serverId",
  "grantId",
  "grantLabel",
  "sessionId",
  "requestId",
  "policyId",
  "policyVersion",
  "argumentKeys",
  "upstreamStatus",
  "upstreamMs",
  "totalMs",
] as const;

function toCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(" ") : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvHeader(): string {
  return `${CALL_EXPORT_COLUMNS.join(",")}\r\n`;
}

export function toCsvRow(call: CallDto): string {
  return `${CALL_EXPORT_COLUMNS.map((column) => toCell(call[column])).join(",")}\r\n`;
}

export function toNdjsonRow(call: CallDto): string {
  return `${JSON.stringify({ ...call, createdAt: call.createdAt.toISOString() })}\n`;
}
