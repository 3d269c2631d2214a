/**
 * Authentication failures go to the SecurityEvent table, never the call log (SPEC §3), throttled per
 * source and kind: the first failure of a source in a minute writes a row at once, later ones are
 * counted, and the count is written with the source's next row. Ten thousand bad requests from one
 * address cost a handful of rows, not ten thousand. Writes are best effort: a database outage must
 * not turn a 401 into a 500.
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

export function createSecurityEventRecorder({ windowMs = 60_000, maxSources = 10_000 } = {}) {
  const windows = new Map<string, Window>();

  return function recordSecurityEvent(event: SecurityEvent, now = Date.now()): void {
    const key = `${event.kind}\u0000${event.ip ?? ""}`;
    const window = windows.get(key);
    if (window && now - window.startedAt < windowMs) {
      window.suppressed++;
      return;
    }
    const suppressed = window?.suppressed ?? 0;
    if (windows.size >= maxSources) windows.delete(windows.keys().next().value as string);
    windows.set(key, { startedAt: now, suppressed: 0 });
    const detail = suppressed > 0 ? `${event.detail} (${suppressed} similar failures from this source in the previous window)` : event.detail;
    void insertSecurityEvent({ orgId: event.orgId ?? null, serverId: event.serverId, kind: event.kind, ip: event.ip, detail }).catch(() => {});
  };
}

export type SecurityEventRecorder = ReturnType<typeof createSecurityEventRecorder>;
