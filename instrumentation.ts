/**
 * Runs once when the Next server starts (never during `next build`): opens the database and
 * applies pending migrations before the first request, so a broken database fails the boot
 * loudly instead of the first user's request, then starts the maintenance timer.
 *
 * The one read of process.env outside lib/env.ts: Next removes the branch for the edge runtime
 * only when the condition is written literally here.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServerRuntime } = await import("./lib/server-runtime");
    await startServerRuntime();
    // Retention and expiries (lib/maintenance): on a timer, after the database is known to work.
    const { startMaintenanceSchedule } = await import("./lib/maintenance/schedule");
    startMaintenanceSchedule();
  }
}
