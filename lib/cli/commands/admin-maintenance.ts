/**
 * `toolgate admin maintenance`: one maintenance run (retention, expiries) now, for operators who
 * turn the in-app timer off and schedule it themselves, or want a backlog gone before a deadline.
 * It takes the same lock as the app, so it is safe next to running instances on PostgreSQL; with
 * the embedded database the app must be stopped first, like every admin command.
 */
import type { ParsedArgs } from "../args";
import { CliError, EXIT, type Output, printJson } from "../output";

export async function runMaintenanceCommand(args: ParsedArgs, output: Output): Promise<void> {
  const { runMaintenance } = await import("@/lib/maintenance/run-maintenance");
  const { closeDb } = await import("@/lib/db/client");
  try {
    const isJson = args.options.json === true;
    // The summary line is the human output; a failure is reported once, as the command's error.
    const logger = { info: (line: string) => (isJson ? undefined : output.out(line)), error: () => {} };
    const report = await runMaintenance({ logger });
    if (report.status === "failed") throw new CliError(`Maintenance failed: ${report.error}`, EXIT.failure);
    if (isJson) printJson(output, report);
    else if (report.status === "skipped") output.out("Another instance is running maintenance right now; nothing was done.");
  } finally {
    await closeDb();
  }
}
