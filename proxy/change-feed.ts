/**
 * Subscribes one proxy instance to the change channel (lib/db/notify.ts) and hands every notice to
 * the instance's caches. If LISTEN cannot be set up (database down at start), the instance still
 * serves from short-lived cache entries and retries the subscription in the background; fail-closed
 * behaviour does not depend on notices, only freshness does.
 * The backend's LISTEN connection gives no signal when it dies (a database restart), so the
 * subscription is renewed periodically: the new one is set up before the old one is closed, and a
 * notice seen twice only drops a cache entry twice.
 */
import { getBackend } from "@/lib/db/client";
import { CHANGES_CHANNEL, type ChangeNotice } from "@/lib/db/notify";

export type ChangeListener = (notice: ChangeNotice) => void;

export type ChangeFeed = { ready: Promise<void>; close: () => Promise<void> };

export function subscribeToChanges(onNotice: ChangeListener, { retryMs = 2_000, renewMs = 30_000 } = {}): ChangeFeed {
  let unsubscribe: (() => Promise<void>) | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delayMs: number) => {
    if (closed) return;
    timer = setTimeout(() => void attempt(), delayMs);
    timer.unref();
  };

  const attempt = async (): Promise<void> => {
    try {
      const backend = await getBackend();
      const stop = await backend.listen(CHANGES_CHANNEL, (payload) => {
        const notice = parseNotice(payload);
        if (notice) onNotice(notice);
      });
      if (closed) return void (await stop());
      const previous = unsubscribe;
      unsubscribe = stop;
      await previous?.().catch(() => {});
      schedule(renewMs);
    } catch {
      schedule(retryMs);
    }
  };

  const ready = attempt();
  return {
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await ready;
      await unsubscribe?.().catch(() => {});
    },
  };
}

function parseNotice(payload: string): ChangeNotice | null {
  try {
    const value = JSON.parse(payload) as Partial<ChangeNotice>;
    return typeof value.kind === "string" && typeof value.id === "string" ? (value as ChangeNotice) : null;
  } catch {
    return null;
  }
}
