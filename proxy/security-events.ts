/**
 * Authentication failures go to the SecurityEvent table, never the call log (SPEC §3), throttled per
 * source and kind: the first failure of a source in a minute writes a row at once, later ones are
 * counted, and the count is written with the source's next row. Ten thousand bad requests from one
 * address cost a handful of rows, not ten thousand.
 *
 * The source is the client address the request names (X-Forwarded-For), which a caller without a
 * reverse proxy in front can make up, so a second limit counts rows, not sources: past
 * `maxRowsPerWindow` rows a minute per instance, failures are only counted, and the count goes into
 * the first row of the next window. Writes are best effort: a database outage must not turn a 401
 * into a 500. The maintenance job deletes rows after 90 days.
 */
import { insertSecurityEvent } from "@/lib/db/proxy-store";

type Window = { startedAt: number; suppressed: number };

export type SecurityEvent = {
  kind: "auth.missing_token" | "auth.invalid_token" | "auth.wrong_server";
  ip: string | null;
  serverId: string;
  orgId?: string | null;
  detail: string;
};

type SecurityEventRow = { orgId: string | null; serverId: string; kind: string; ip: string | null; detail: string };

export function createSecurityEventRecorder({
  windowMs = 60_000,
  maxSources = 10_000,
  maxRowsPerWindow = 600,
  write = insertSecurityEvent as (row: SecurityEventRow) => Promise<unknown>,
} = {}) {
  const windows = new Map<string, Window>();
  const rows: Window = { startedAt: Number.NEGATIVE_INFINITY, suppressed: 0 };
  let rowsInWindow = 0;

  return function recordSecurityEvent(event: SecurityEvent, now = Date.now()): void {
    const key = `${event.kind}\u0000${event.ip ?? ""}`;
    const window = windows.get(key);
    if (window && now - window.startedAt < windowMs) {
      window.suppressed++;
      return;
    }
    if (now - rows.startedAt >= windowMs) {
      rows.startedAt = now;
      rowsInWindow = 0;
    }
    if (rowsInWindow >= maxRowsPerWindow) {
      rows.suppressed++;
      return;
    }
    rowsInWindow++;
    const suppressed = window?.suppressed ?? 0;
    if (windows.size >= maxSources) windows.delete(windows.keys().next().value as string);
    windows.set(key, { startedAt: now, suppressed: 0 });
    const notes: string[] = [];
    if (suppressed > 0) notes.push(`${suppressed} similar failures from this source in the previous window`);
    if (rows.suppressed > 0) notes.push(`${rows.suppressed} failures from any source not written: more than ${maxRowsPerWindow} rows a minute`);
    rows.suppressed = 0;
    const detail = notes.length > 0 ? `${event.detail} (${notes.join("; ")})` : event.detail;
    void write({ orgId: event.orgId ?? null, serverId: event.serverId, kind: event.kind, ip: event.ip, detail }).catch(() => {});
  };
}

export type SecurityEventRecorder = ReturnType<typeof createSecurityEventRecorder>;
