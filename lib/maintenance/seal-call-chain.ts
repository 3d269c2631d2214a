import "server-only";
/**
 * Seals the call log (SPEC §5 tamper evidence) in the background, never on the proxy's path: per
 * organisation, the unsealed rows after its chain's head, in chain order (createdAt, then id), each
 * getting `prevHash` and `hash` (lib/audit-chain/call-chain.ts), one UPDATE per batch.
 *
 * Why (createdAt, id) and not the id alone: createdAt is taken when a call arrives and the id when
 * its (batched) INSERT runs, so under load, across instances, the two orders disagree by a few
 * milliseconds. Retention deletes oldest first by (createdAt, id); a chain in id order would lose a
 * row from its middle at every retention cut and read as broken until the next sweep. In this order
 * retention only ever trims a prefix, and sealing reads one range of the `call_by_org_time` index.
 * The id stays inside every hash and breaks ties.
 *
 * Only rows older than the seal delay (10 minutes by default) are sealed, because a row is final
 * only then:
 * - The proxy writes a row in two phases: the decision when the call arrives, then a batched
 *   settlement (upstream status, timings, final decision) up to ~200 ms later, or when an answer
 *   moves to a resumed stream, up to TOOLGATE_UPSTREAM_TIMEOUT_MS (60 s) later. A row sealed before
 *   its settlement would read as tampered once the settlement lands. (Settlements change neither
 *   createdAt nor the id, so a row never moves in the chain.)
 * - Concurrent transactions (several app instances, batched inserts) commit in any order, so a row
 *   can become visible after rows that follow it in chain order. The chain is only ever extended
 *   past its head, so a row that appeared late behind the head could never be sealed. Waiting until
 *   rows are minutes old means every transaction that wrote an older row has long committed (the
 *   proxy's INSERT is one statement, done before the call is answered).
 * - createdAt comes from the writing instance's clock; the delay also absorbs modest clock skew.
 *   A row written by an instance whose clock is further behind than the delay can land behind the
 *   head: it stays unsealed, and the verifier counts it as such; it is never sealed out of order.
 *
 * The delay is an argument with a default here rather than a setting in lib/env.ts: it is a
 * correctness margin derived from the proxy's own timeouts, not a knob operators need.
 *
 * A run is bounded: batches of `batchSize`, one batch per organisation per pass (so one large
 * backlog does not starve the others), and no new batch after `maxRunMs` once a batch was done;
 * the rest goes on the next run, which starts after the organisation where this one stopped. One
 * instance seals at a time (withCallChainLock); the others skip.
 */
import { GENESIS_HASH, sealCallRows } from "@/lib/audit-chain/call-chain";
import { type CallChainStore, type ChainHead, withCallChainLock } from "@/lib/db/call-chain";

export const DEFAULT_SEAL_DELAY_MS = 10 * 60 * 1000;
export const DEFAULT_SEAL_BATCH_SIZE = 500;
export const DEFAULT_SEAL_MAX_RUN_MS = 20 * 1000;
const LOCK_SLACK_MS = 30 * 1000;

export type SealOptions = {
  now?: Date;
  sealDelayMs?: number;
  batchSize?: number;
  maxRunMs?: number;
  logger?: { info: (line: string) => void; error: (line: string) => void };
};

export type SealReport =
  | { status: "completed"; sealed: number; batches: number; isComplete: boolean; durationMs: number }
  | { status: "skipped" }
  | { status: "failed"; error: string };

type OrgState = { orgId: string; head: ChainHead | null };

/** Where a run cut short by its budget stopped, so the next run in this process starts after it. */
const processState = globalThis as unknown as { toolgateSealResumeAfter?: string };

export async function sealCallChain(options: SealOptions = {}): Promise<SealReport> {
  const logger = options.logger ?? console;
  const startedAt = Date.now();
  const maxRunMs = options.maxRunMs ?? DEFAULT_SEAL_MAX_RUN_MS;
  const batchSize = options.batchSize ?? DEFAULT_SEAL_BATCH_SIZE;
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.sealDelayMs ?? DEFAULT_SEAL_DELAY_MS));
  try {
    const outcome = await withCallChainLock({ holdMs: maxRunMs + LOCK_SLACK_MS }, async (store) => {
      let sealed = 0;
      let batches = 0;
      let pending: OrgState[] = startAfter(await store.listOrgIds(), processState.toolgateSealResumeAfter).map((orgId) => ({ orgId, head: null }));
      let isFirstPass = true;
      while (pending.length > 0) {
        const unfinished: OrgState[] = [];
        for (const [index, org] of pending.entries()) {
          if (isFirstPass) org.head = await store.findChainHead({ orgId: org.orgId, before: cutoff });
          const { count, isFull } = await sealBatch(store, org, { cutoff, batchSize });
          sealed += count;
          if (count > 0) batches++;
          if (isFull) unfinished.push(org);
          const isWorkLeft = unfinished.length > 0 || index < pending.length - 1;
          if (isWorkLeft && Date.now() - startedAt >= maxRunMs) {
            processState.toolgateSealResumeAfter = org.orgId;
            return { sealed, batches, isComplete: false };
          }
        }
        pending = unfinished;
        isFirstPass = false;
      }
      processState.toolgateSealResumeAfter = undefined;
      return { sealed, batches, isComplete: true };
    });
    if (!outcome.acquired) return { status: "skipped" };
    const report = { status: "completed" as const, ...outcome.result, durationMs: Date.now() - startedAt };
    if (report.sealed > 0 || !report.isComplete) {
      const rest = report.isComplete ? "" : " Stopped at its time budget; the rest goes on the next run.";
      logger.info(`Toolgate call chain: sealed ${report.sealed} call-log rows in ${report.durationMs} ms.${rest}`);
    }
    return report;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).trim().split("\n")[0]?.slice(0, 300) ?? "unknown error";
    logger.error(`Toolgate call chain: sealing failed; the next run tries again. ${message}`);
    return { status: "failed", error: message };
  }
}

/** Seals the next batch of one organisation and moves its head; `isFull` says more may be waiting. */
async function sealBatch(store: CallChainStore, org: OrgState, { cutoff, batchSize }: { cutoff: Date; batchSize: number }) {
  const rows = await store.listUnsealedAfter({ orgId: org.orgId, after: org.head, before: cutoff, limit: batchSize });
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return { count: 0, isFull: false };
  const seals = sealCallRows(
    org.head?.hash ?? GENESIS_HASH,
    rows.map((row) => ({ ...row, argumentKeys: row.argumentKeys ?? [] })),
  );
  const count = await store.writeSeals({ orgId: org.orgId, first, seals });
  // Nothing written: someone else moved the chain. Stop this organisation; the next run starts
  // again from the head as the database has it.
  if (count !== seals.length) return { count, isFull: false };
  org.head = { id: last.id, hash: seals[seals.length - 1]?.hash ?? "", createdAt: last.createdAt };
  return { count, isFull: rows.length === batchSize };
}

/** The organisation ids after `orgId` first, then the rest: a rotation, not a filter. */
function startAfter(orgIds: string[], orgId: string | undefined): string[] {
  if (orgId === undefined) return orgIds;
  const index = orgIds.findIndex((id) => id > orgId);
  return index <= 0 ? orgIds : [...orgIds.slice(index), ...orgIds.slice(0, index)];
}
