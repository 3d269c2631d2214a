import "server-only";
/**
 * SPEC §5: call-log rows older than their organisation's `retentionDays` are deleted. Each
 * organisation is swept with its own cutoff, one batch per organisation per pass, so a large
 * backlog in one organisation does not keep the others waiting; a run that runs out of time
 * remembers where it stopped and the next run in this process starts there. Rows go oldest first,
 * so what is left of an organisation's log is always its newest, unbroken part, and a check of the
 * tamper-evidence chain (SPEC §5) starts from the oldest row left.
 *
 * Admin events are deliberately kept: the setting is shown as "Keep call logs for (days)", the
 * admin trail records who changed what (including that setting), and an admin who could shorten
 * it to one day could erase the record of doing so. They are one row per dashboard change, so
 * keeping them does not let a table grow with traffic.
 */
import type { SweepContext, SweepResult } from "./sweep";

const DAY_MS = 24 * 60 * 60 * 1000;

type OrgCutoff = { orgId: string; before: Date };

const processState = globalThis as unknown as { toolgateRetentionResumeAfter?: string };

export async function sweepCallRetention(context: SweepContext): Promise<SweepResult> {
  const { store, now, batchSize, deadline } = context;
  const policies = await store.listRetentionPolicies();
  const cutoffs = policies.map(({ orgId, retentionDays }) => ({ orgId, before: new Date(now.getTime() - retentionDays * DAY_MS) }));
  let pending = startAfter(cutoffs, processState.toolgateRetentionResumeAfter);
  let deleted = 0;
  let batches = 0;
  while (pending.length > 0) {
    const unfinished: OrgCutoff[] = [];
    for (const [index, org] of pending.entries()) {
      const count = await store.deleteCallsBefore({ ...org, limit: batchSize });
      deleted += count;
      batches++;
      if (count === batchSize) unfinished.push(org);
      const isWorkLeft = unfinished.length > 0 || index < pending.length - 1;
      if (isWorkLeft && Date.now() >= deadline) {
        processState.toolgateRetentionResumeAfter = org.orgId;
        return { deleted, batches, isComplete: false };
      }
    }
    pending = unfinished;
  }
  processState.toolgateRetentionResumeAfter = undefined;
  return { deleted, batches, isComplete: true };
}

/** The organisations (ordered by id) after `orgId` first, then the rest: a rotation, not a filter. */
function startAfter(cutoffs: OrgCutoff[], orgId: string | undefined): OrgCutoff[] {
  if (orgId === undefined) return cutoffs;
  const index = cutoffs.findIndex((cutoff) => cutoff.orgId > orgId);
  return index <= 0 ? cutoffs : [...cutoffs.slice(index), ...cutoffs.slice(0, index)];
}
