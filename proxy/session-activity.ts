/**
 * When an MCP session was last used, for the idle expiry (lib/maintenance/sweep-mcp-sessions.ts).
 * Kept coarsely, like a grant's lastUsedAt (last-used.ts): at most one write per session per minute
 * per process, and the sessions touched in one turn of the event loop go out in one statement. The
 * write is fire and forget, so a request never waits on it; a failed write is retried on the
 * session's next request. Against an idle limit of hours, a minute of lag does not matter.
 *
 * One tracker per process rather than per proxy instance: it only throttles writes of one value,
 * and proxy instances sharing a process may as well share the throttle.
 */
import { type SessionTouch, touchSessions } from "@/lib/db/proxy-store";

export function createSessionActivity({ intervalMs = 60_000, maxSessions = 50_000 } = {}) {
  const lastWrites = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let pending: SessionTouch[] = [];
  const keyOf = (session: SessionTouch) => `${session.serverId}\u0000${session.sessionId}`;

  function flush(): void {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const write = touchSessions({ sessions: batch, at: new Date() }).catch(() => {
      for (const session of batch) lastWrites.delete(keyOf(session));
    });
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
  }

  return {
    touch(session: SessionTouch, now = Date.now()): void {
      const key = keyOf(session);
      const previous = lastWrites.get(key);
      if (previous !== undefined && now - previous < intervalMs) return;
      if (lastWrites.size >= maxSessions) lastWrites.clear();
      lastWrites.set(key, now);
      pending.push(session);
      if (pending.length === 1) setImmediate(flush);
    },
    /** Resolves once every touch so far is written (tests, shutdown). */
    async settled(): Promise<void> {
      flush();
      await Promise.all(inFlight);
    },
  };
}

export const sessionActivity = createSessionActivity();
