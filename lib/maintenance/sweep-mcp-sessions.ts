import "server-only";
/**
 * MCP session bindings (2025-11-25 `Mcp-Session-Id`) are deleted when no request used them for
 * TOOLGATE_MCP_SESSION_IDLE_HOURS. Clients that forget to send DELETE would otherwise leave one row
 * per session forever. A client that comes back later gets 404 for the old id, which MCP defines as
 * "session ended": it initializes a new one. The proxy keeps `lastSeenAt` (proxy/session-activity.ts).
 */
import { deleteInBatches, type SweepContext, type SweepResult } from "./sweep";

export function sweepIdleMcpSessions(context: SweepContext): Promise<SweepResult> {
  const before = new Date(context.now.getTime() - context.sessionIdleMs);
  return deleteInBatches((limit) => context.store.deleteSessionsIdleSince({ before, limit }), context);
}
