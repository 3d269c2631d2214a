import "server-only";
/**
 * What every sweep shares: the lock's statements, the moment the run started, the batch size and
 * the run's deadline. A sweep deletes batch after batch until one comes back short (nothing left)
 * or the deadline passes; the rest waits for the next run, so one run never holds the lock for long.
 */
import type { MaintenanceStore } from "@/lib/db/maintenance";

export type SweepContext = {
  store: MaintenanceStore;
  now: Date;
  batchSize: number;
  /** Epoch milliseconds; no new batch starts after it once the sweep has made progress. */
  deadline: number;
  sessionIdleMs: number;
};

export type SweepResult = { deleted: number; batches: number; isComplete: boolean };

export async function deleteInBatches(deleteBatch: (limit: number) => Promise<number>, { batchSize, deadline }: SweepContext): Promise<SweepResult> {
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const count = await deleteBatch(batchSize);
    deleted += count;
    batches++;
    if (count < batchSize) return { deleted, batches, isComplete: true };
    if (Date.now() >= deadline) return { deleted, batches, isComplete: false };
  }
}
