/**
 * The durable call log writer (SPEC §5). `record` resolves once the row is committed; the proxy
 * holds the client's answer on that promise. Rows of concurrent calls are grouped: everything
 * recorded while the current I/O turn runs is flushed as one multi-row INSERT on the next
 * `setImmediate`, so a burst of N calls costs one round trip, not N. The write starts before the
 * upstream request and overlaps it, so an allowed call pays for it only if the upstream is faster
 * than the database.
 * Forwarded calls are written in two phases: the decision row first (what must be durable before
 * the answer), then a batched update with the upstream status and latencies once the answer has
 * gone out. A crash between the two leaves a committed row with a null upstream status, never a
 * missing row. Nobody waits for settlements, so they are gathered for SETTLE_DELAY_MS (or until a
 * batch is full): on this kind of machine every statement costs the proxy a socket write and a
 * wake-up of the database process, which at low concurrency is most of a call's CPU, so one UPDATE
 * per few dozen calls instead of one per call or two. The dashboard sees latencies that much later.
 */
import { type CallRowInput, type CallSettlement, insertCallRows, settleCallRows } from "@/lib/db/proxy-calls";

type Pending<T, R> = { item: T; resolve: (value: R) => void; reject: (error: unknown) => void };

/** Groups items queued in one I/O turn into a single write. */
export class BatchQueue<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
    /** 0: flush on the next turn. More: gather for that long (for writes nobody waits on). */
    private readonly delayMs = 0,
  ) {}

  push(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxBatch) return this.flush();
      if (!this.scheduled) {
        this.scheduled = true;
        if (this.delayMs === 0) setImmediate(() => this.flush());
        else setTimeout(() => this.flush(), this.delayMs).unref();
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const done = this.write(batch.map((entry) => entry.item)).then(
        (results) => {
          for (const [index, entry] of batch.entries()) entry.resolve(results[index] as R);
        },
        (error: unknown) => {
          for (const entry of batch) entry.reject(error);
        },
      );
      this.inFlight.add(done);
      void done.finally(() => this.inFlight.delete(done));
    }
  }

  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      if (this.queue.length > 0) this.flush();
      await Promise.allSettled([...this.inFlight]);
    }
  }
}

export type Settlement = Omit<CallSettlement, "id" | "orgId">;

const SETTLE_DELAY_MS = 200;

export function createCallLog() {
  const inserts = new BatchQueue<CallRowInput, bigint>(insertCallRows);
  const settles = new BatchQueue<CallSettlement, void>(
    async (items) => {
      await settleCallRows(items);
      return items.map(() => undefined);
    },
    500,
    SETTLE_DELAY_MS,
  );

  return {
    /** Resolves with the row id once the row is committed. */
    record: (row: CallRowInput): Promise<bigint> => inserts.push(row),
    /** Best effort: the decision row is already durable; a lost settlement only loses latency figures. */
    settle: (orgId: string, rowId: Promise<bigint>, settlement: Settlement): void => {
      rowId.then((id) => settles.push({ id, orgId, ...settlement })).catch(() => {});
    },
    drain: async () => {
      await inserts.drain();
      await settles.drain();
    },
  };
}

export type CallLog = ReturnType<typeof createCallLog>;
