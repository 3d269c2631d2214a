/**
 * Process-local Prometheus metrics. Each instance exposes its own figures at /metrics and the
 * scraper adds them up across instances, which is how Prometheus expects replicas to report; no
 * decision ever depends on these numbers, so they are not shared state.
 */
type Labels = Record<string, string>;

const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

type Counter = { help: string; values: Map<string, number> };
type Histogram = { help: string; series: Map<string, { buckets: number[]; sum: number; count: number }> };

const counters = new Map<string, Counter>();
const histograms = new Map<string, Histogram>();

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}="${String(labels[name]).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");
}

export function incrementCounter(name: string, help: string, labels: Labels = {}, by = 1): void {
  let counter = counters.get(name);
  if (!counter) counters.set(name, (counter = { help, values: new Map() }));
  const key = labelKey(labels);
  counter.values.set(key, (counter.values.get(key) ?? 0) + by);
}

export function observeHistogram(name: string, help: string, valueMs: number, labels: Labels = {}): void {
  let histogram = histograms.get(name);
  if (!histogram) histograms.set(name, (histogram = { help, series: new Map() }));
  const key = labelKey(labels);
  let series = histogram.series.get(key);
  if (!series) histogram.series.set(key, (series = { buckets: LATENCY_BUCKETS_MS.map(() => 0), sum: 0, count: 0 }));
  for (let index = 0; index < LATENCY_BUCKETS_MS.length; index++)
    if (valueMs <= (LATENCY_BUCKETS_MS[index] as number)) series.buckets[index] = (series.buckets[index] ?? 0) + 1;
  series.sum += valueMs;
  series.count += 1;
}

/** The text exposition format, version 0.0.4. */
export function renderMetrics(): string {
  const lines: string[] = [];
  for (const [name, counter] of counters) {
    lines.push(`# HELP ${name} ${counter.help}`, `# TYPE ${name} counter`);
    for (const [key, value] of counter.values) lines.push(`${name}${key ? `{${key}}` : ""} ${value}`);
  }
  for (const [name, histogram] of histograms) {
    lines.push(`# HELP ${name} ${histogram.help}`, `# TYPE ${name} histogram`);
    for (const [key, series] of histogram.series) {
      const prefix = key ? `${key},` : "";
      for (const [index, bound] of LATENCY_BUCKETS_MS.entries()) lines.push(`${name}_bucket{${prefix}le="${bound}"} ${series.buckets[index]}`);
      lines.push(
        `${name}_bucket{${prefix}le="+Inf"} ${series.count}`,
        `${name}_sum${key ? `{${key}}` : ""} ${series.sum}`,
        `${name}_count${key ? `{${key}}` : ""} ${series.count}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Names used by the proxy, kept in one place so dashboards and alerts can rely on them. */
export const proxyMetrics = {
  recordDecision(decision: string, code: string): void {
    incrementCounter("toolgate_calls_total", "JSON-RPC messages decided by the proxy, by decision and code.", { decision, code });
  },
  recordLatency(kind: "total" | "upstream", ms: number): void {
    observeHistogram(`toolgate_${kind}_latency_ms`, `${kind === "total" ? "Proxy" : "Upstream"} latency of tools/call in milliseconds.`, ms);
  },
  recordUpstreamError(reason: string): void {
    incrementCounter("toolgate_upstream_errors_total", "Upstream failures (unreachable, timeout, 5xx, JSON-RPC error).", { reason });
  },
  recordCacheLookup(cache: string, hit: boolean): void {
    incrementCounter("toolgate_cache_lookups_total", "In-process cache lookups by cache and result.", { cache, result: hit ? "hit" : "miss" });
  },
};
