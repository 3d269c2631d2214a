/**
 * In-process caches for the proxy's lookups. Entries are dropped when a change notice arrives
 * (Postgres LISTEN/NOTIFY, sent inside the changing transaction) and expire after a bounded TTL in
 * any case, so a lost LISTEN connection cannot keep a revoked grant alive for longer than the TTL.
 * Sizes are bounded: unknown tokens are cached too (negative entries), and an attacker must not be
 * able to grow the process without limit by sending random ones.
 */

type Entry<V> = { value: V; expiresAt: number };

export class TtlCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly inFlight = new Map<K, Promise<V>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
  }

  /**
   * Returns the cached value or loads it once for all concurrent callers. A load that started
   * before an invalidation is not stored: it may have read the state from before the change.
   */
  async load(key: K, loader: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = loader().then(
      (value) => {
        this.inFlight.delete(key);
        if (generation === this.generation) this.set(key, value);
        return value;
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, promise);
    return promise;
  }

  delete(key: K): void {
    this.generation++;
    this.entries.delete(key);
    this.inFlight.delete(key);
  }

  deleteWhere(predicate: (value: V, key: K) => boolean): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (predicate(entry.value, key)) this.entries.delete(key);
    this.inFlight.clear();
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.inFlight.clear();
  }
}
