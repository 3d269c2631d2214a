import "server-only";
/**
 * Runs the maintenance job in every app instance: the first run shortly after start, then every
 * TOOLGATE_MAINTENANCE_INTERVAL_MINUTES (0 turns it off, e.g. when `toolgate admin maintenance`
 * runs from cron instead). Every instance schedules runs and the lock lets one sweep at a time, so
 * nothing has to elect a leader and the job survives any instance going away. The timers are
 * unref'd: they never keep a process alive that is otherwise done.
 */
import { getEnv } from "@/lib/env";
import { type MaintenanceReport, runMaintenance } from "./run-maintenance";
import { type SealReport, sealCallChain } from "./seal-call-chain";

const FIRST_RUN_DELAY_MS = 30 * 1000;

export type MaintenanceSchedule = { stop: () => Promise<void> };

export function createMaintenanceSchedule<R = MaintenanceReport>({
  intervalMs,
  firstRunDelayMs = FIRST_RUN_DELAY_MS,
  run = () => runMaintenance() as unknown as Promise<R>,
  onReport,
}: {
  intervalMs: number;
  firstRunDelayMs?: number;
  run?: () => Promise<R>;
  onReport?: (report: R) => void;
}): MaintenanceSchedule {
  let isStopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer = setTimeout(tick, firstRunDelayMs);
  timer.unref();

  function tick(): void {
    current = run()
      .then((report) => onReport?.(report))
      // runMaintenance never throws; this only guards the timer chain against a throwing onReport.
      .catch(() => {})
      .finally(() => {
        if (isStopped) return;
        timer = setTimeout(tick, intervalMs);
        timer.unref();
      });
  }

  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

const processState = globalThis as unknown as {
  toolgateMaintenanceSchedule?: MaintenanceSchedule | null;
  toolgateCallChainSchedule?: MaintenanceSchedule;
};

/**
 * Sealing the call log's hash chain (seal-call-chain.ts) runs on its own short interval and lock,
 * and is not turned off with the maintenance timer: an unsealed log has no tamper evidence, and a
 * run that finds nothing old enough costs a few index reads.
 */
const CALL_CHAIN_SEAL_INTERVAL_MS = 30 * 1000;

/** The instance's schedules, started once per process (instrumentation.ts). */
export function startMaintenanceSchedule(): void {
  processState.toolgateCallChainSchedule ??= createMaintenanceSchedule<SealReport>({
    intervalMs: CALL_CHAIN_SEAL_INTERVAL_MS,
    run: () => sealCallChain(),
  });
  if (processState.toolgateMaintenanceSchedule !== undefined) return;
  const minutes = getEnv().TOOLGATE_MAINTENANCE_INTERVAL_MINUTES;
  if (minutes === 0) {
    processState.toolgateMaintenanceSchedule = null;
    console.log("Toolgate maintenance: off (TOOLGATE_MAINTENANCE_INTERVAL_MINUTES=0); run `toolgate admin maintenance` from a scheduler instead.");
    return;
  }
  processState.toolgateMaintenanceSchedule = createMaintenanceSchedule({ intervalMs: minutes * 60 * 1000 });
}
