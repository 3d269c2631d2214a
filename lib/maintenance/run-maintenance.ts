import "server-only";
/**
 * One maintenance run: takes the maintenance lock (one instance sweeps, the others skip), runs
 * every sweep within a time budget, and logs one line saying what it deleted. It never throws: an
 * unreachable database is logged and the next run tries again, so the job can never take the app
 * down with it.
 */
import { withMaintenanceLock } from "@/lib/db/maintenance";
import { getEnv } from "@/lib/env";
import type { SweepContext, SweepResult } from "./sweep";
import { sweepCallRetention } from "./sweep-call-retention";
import { sweepExpiredIdempotencyKeys } from "./sweep-idempotency-keys";
import { sweepLapsedInvitations } from "./sweep-invitations";
import { sweepIdleMcpSessions } from "./sweep-mcp-sessions";
import { sweepEndedQuotaCounters } from "./sweep-quota-counters";
import { sweepOldSecurityEvents } from "./sweep-security-events";

/** Small tables first: the call log, by far the largest, gets whatever time is left. */
const SWEEPS = {
  mcpSessions: { label: "idle MCP sessions", sweep: sweepIdleMcpSessions },
  idempotencyKeys: { label: "expired idempotency keys", sweep: sweepExpiredIdempotencyKeys },
  quotaCounters: { label: "ended quota counters", sweep: sweepEndedQuotaCounters },
  invitations: { label: "lapsed invitations", sweep: sweepLapsedInvitations },
  securityEvents: { label: "security events older than 90 days", sweep: sweepOldSecurityEvents },
  calls: { label: "call-log rows past retention", sweep: sweepCallRetention },
} satisfies Record<string, { label: string; sweep: (context: SweepContext) => Promise<SweepResult> }>;

export type SweepName = keyof typeof SWEEPS;

export const DEFAULT_BATCH_SIZE = 5_000;
export const DEFAULT_MAX_RUN_MS = 2 * 60 * 1000;
/** The lock's transaction outlives the budget by this much, for the batch running when it ends. */
const LOCK_SLACK_MS = 60 * 1000;

export type MaintenanceLogger = { info: (line: string) => void; error: (line: string) => void };

export type MaintenanceOptions = {
  now?: Date;
  batchSize?: number;
  maxRunMs?: number;
  sessionIdleMs?: number;
  logger?: MaintenanceLogger;
};

export type MaintenanceReport =
  | { status: "completed"; sweeps: Record<SweepName, SweepResult>; isComplete: boolean; durationMs: number }
  | { status: "skipped" }
  | { status: "failed"; error: string };

export async function runMaintenance(options: MaintenanceOptions = {}): Promise<MaintenanceReport> {
  const logger = options.logger ?? console;
  const startedAt = Date.now();
  try {
    const maxRunMs = options.maxRunMs ?? DEFAULT_MAX_RUN_MS;
    const outcome = await withMaintenanceLock({ holdMs: maxRunMs + LOCK_SLACK_MS }, async (store) => {
      const context: SweepContext = {
        store,
        now: options.now ?? new Date(),
        batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        deadline: startedAt + maxRunMs,
        sessionIdleMs: options.sessionIdleMs ?? getEnv().TOOLGATE_MCP_SESSION_IDLE_HOURS * 60 * 60 * 1000,
      };
      const sweeps = {} as Record<SweepName, SweepResult>;
      for (const [name, { sweep }] of Object.entries(SWEEPS)) sweeps[name as SweepName] = await sweep(context);
      return sweeps;
    });
    if (!outcome.acquired) return { status: "skipped" };
    const sweeps = outcome.result;
    const report = {
      status: "completed" as const,
      sweeps,
      isComplete: Object.values(sweeps).every((result) => result.isComplete),
      durationMs: Date.now() - startedAt,
    };
    logger.info(describeRun(report));
    return report;
  } catch (error) {
    const message = firstLine(error);
    logger.error(`Toolgate maintenance: run failed, nothing more was deleted; the next run tries again. ${message}`);
    return { status: "failed", error: message };
  }
}

function describeRun({ sweeps, isComplete, durationMs }: { sweeps: Record<SweepName, SweepResult>; isComplete: boolean; durationMs: number }): string {
  const counts = Object.entries(SWEEPS).map(([name, { label }]) => `${sweeps[name as SweepName].deleted} ${label}`);
  const rest = isComplete ? "" : " Stopped at its time budget; the rest goes on the next run.";
  return `Toolgate maintenance: deleted ${counts.join(", ")} in ${durationMs} ms.${rest}`;
}

/** Database errors can span many lines (Prisma adds the query); the log gets the first. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n")[0]?.slice(0, 300) ?? "unknown error";
}
