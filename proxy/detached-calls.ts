/**
 * Calls whose answer moved to a resumed GET stream. MCP 2025-11-25 lets a server close a POST's
 * event stream after an event that carries an id and deliver the answer later; the client then
 * reconnects with GET + Last-Event-ID and receives it there. The POST relay registers such a call
 * here once its row is durable; every GET stream of the same session shows its events to `watch`,
 * and the event that answers a registered call first runs the call's settlement (the row's outcome
 * and upstream latency, the quota rollback of a failed call) and is then released unchanged, or
 * rewritten as the POST relay would have (hidden tools dropped from a tools/list answer).
 *
 * The registry belongs to one proxy instance, never to the module, so instances never settle each
 * other's calls. A client that resumes through another instance gets its answer through that
 * instance unwatched; this instance then expires the entry. Until an entry is settled, its row
 * keeps what was written before forwarding: decision allowed (forwarded for other methods), no
 * upstream status, no upstream latency.
 *
 * An entry ends when its answer passes, when its session is deleted, when the instance closes, or
 * when no GET stream of its session has shown any sign of life for `idleTimeoutMs` (the upstream
 * timeout, applied as the POST's socket applies it: to silence, so a long operation the client
 * keeps polling stays watched). Those endings settle the call as unanswered and keep its
 * reservation: the upstream may have run it and the client may hold its answer (another instance
 * relayed it, or the client never resumed), so giving the quota back would let calls run beyond
 * their limit. At most `maxEntries` wait at once; the oldest gives way first.
 */
import type { JsonRpcId, JsonRpcResponse } from "./jsonrpc";
import { readResponse } from "./relay";
import type { SseEvent } from "./sse";

/** Settles a detached call with its answer, or as unanswered with the reason. May return a quota rollback to wait for. */
export type LateSettle = (response: JsonRpcResponse | null, unanswered: string | null) => Promise<void> | undefined;

export type DetachedCall = {
  grantId: string;
  sessionId: string | null;
  requestId: JsonRpcId;
  settle: LateSettle;
  /** The POST relay's rewrite of the answer (tools/list filtering), applied on the GET stream too. */
  rewrite?: (response: JsonRpcResponse) => JsonRpcResponse | undefined;
};

/** Looks at each whole event of a GET stream; a promise means the event waits for it, and a string replaces it. */
export type EventInspector = (event: SseEvent) => Promise<string | null> | null;

type Entry = DetachedCall & { key: string; scope: string; detachedAt: number; timer: NodeJS.Timeout };
type Scope = { count: number; activeAt: number };

const MAX_ENTRIES = 10_000;
const NO_SESSION = "The upstream closed the stream before answering, and without a session the answer cannot be resumed through Toolgate.";
const SESSION_ENDED = "The session ended before the answer arrived on a resumed stream; the outcome is unknown.";
const CLOSED = "Toolgate stopped before the answer arrived on a resumed stream; the outcome is unknown.";
const CROWDED = "Too many calls were waiting for answers on resumed streams; the outcome is unknown.";

export function createDetachedCalls({ idleTimeoutMs, maxEntries = MAX_ENTRIES }: { idleTimeoutMs: number; maxEntries?: number }) {
  const entries = new Map<string, Entry>();
  const scopes = new Map<string, Scope>();
  const expired = `No answer arrived on a resumed stream through this instance within ${idleTimeoutMs} ms; the outcome is unknown.`;

  function finish(entry: Entry, response: JsonRpcResponse | null, unanswered: string | null): Promise<void> | undefined {
    clearTimeout(entry.timer);
    entries.delete(entry.key);
    const scope = scopes.get(entry.scope);
    if (scope && --scope.count === 0) scopes.delete(entry.scope);
    try {
      return entry.settle(response, unanswered)?.catch(() => {});
    } catch {
      return undefined;
    }
  }

  function expireWhenIdle(entry: Entry): void {
    const quietSince = Math.max(entry.detachedAt, scopes.get(entry.scope)?.activeAt ?? 0);
    const remainingMs = quietSince + idleTimeoutMs - performance.now();
    if (remainingMs > 0) entry.timer = setTimeout(() => expireWhenIdle(entry), remainingMs).unref();
    else void finish(entry, null, expired);
  }

  async function release(entry: Entry, response: JsonRpcResponse, raw: string): Promise<string | null> {
    await finish(entry, response, null);
    const replacement = entry.rewrite?.(response);
    return replacement ? replaceData(raw, replacement) : null;
  }

  return {
    register(call: DetachedCall): void {
      if (call.sessionId === null) return void call.settle(null, NO_SESSION)?.catch(() => {});
      const scope = scopeOf(call.grantId, call.sessionId);
      const key = `${scope}\u0000${typeof call.requestId}:${call.requestId}`;
      const previous = entries.get(key);
      if (previous) void finish(previous, null, expired);
      const oldest = entries.size >= maxEntries ? entries.values().next().value : undefined;
      if (oldest) void finish(oldest, null, CROWDED);
      const entry: Entry = { ...call, key, scope, detachedAt: performance.now(), timer: setTimeout(() => expireWhenIdle(entry), idleTimeoutMs).unref() };
      entries.set(key, entry);
      const state = scopes.get(scope);
      if (state) state.count++;
      else scopes.set(scope, { count: 1, activeAt: 0 });
    },

    /** The inspector for one GET stream of a session. Opening the stream counts as a sign of life. */
    watch(grantId: string, sessionId: string): EventInspector {
      const scope = scopeOf(grantId, sessionId);
      const opened = scopes.get(scope);
      if (opened) opened.activeAt = performance.now();
      return (event) => {
        // Cheap path first: most sessions have nothing detached, and most events are notifications.
        const state = scopes.get(scope);
        if (!state) return null;
        state.activeAt = performance.now();
        const response = event.data === null ? null : readResponse(event.data);
        if (response === null || response.id === null) return null;
        const entry = entries.get(`${scope}\u0000${typeof response.id}:${response.id}`);
        return entry ? release(entry, response, event.raw) : null;
      };
    },

    /** The session was deleted: nothing can answer its detached calls any more. */
    endSession(grantId: string, sessionId: string): void {
      const scope = scopeOf(grantId, sessionId);
      if (!scopes.has(scope)) return;
      for (const entry of [...entries.values()]) if (entry.scope === scope) void finish(entry, null, SESSION_ENDED);
    },

    /** Settles every waiting call as unanswered (shutdown); the caller drains the call log afterwards. */
    close(): void {
      for (const entry of [...entries.values()]) void finish(entry, null, CLOSED);
    },

    get size(): number {
      return entries.size;
    },
  };
}

export type DetachedCalls = ReturnType<typeof createDetachedCalls>;

/** Session ids are the upstream's; scoping them by grant keeps two upstreams' ids apart. */
function scopeOf(grantId: string, sessionId: string): string {
  return `${grantId}\u0000${sessionId}`;
}

/** The event with a new data line and its other fields (id, event, retry) kept, so the client's resume cursor stays valid. */
function replaceData(raw: string, message: JsonRpcResponse): string {
  const kept = raw.split(/\r\n|\r|\n/).filter((line) => line !== "" && !/^data(:|$)/.test(line));
  return `${[...kept, `data: ${JSON.stringify(message)}`].join("\n")}\n\n`;
}
