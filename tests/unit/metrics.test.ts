import { describe, expect, it } from "vitest";
import { proxyMetrics, renderMetrics } from "@/lib/metrics";

describe("metrics", () => {
  it("renders counters and latency histograms in the Prometheus text format", () => {
    proxyMetrics.recordDecision("denied", "rate_limited");
    proxyMetrics.recordDecision("denied", "rate_limited");
    proxyMetrics.recordDecision("allowed", "allowed");
    proxyMetrics.recordLatency("total", 3);
    proxyMetrics.recordLatency("total", 700);
    const text = renderMetrics();
    expect(text).toContain('toolgate_calls_total{code="rate_limited",decision="denied"} 2');
    expect(text).toContain('toolgate_calls_total{code="allowed",decision="allowed"} 1');
    expect(text).toContain('toolgate_total_latency_ms_bucket{le="5"} 1');
    expect(text).toContain('toolgate_total_latency_ms_bucket{le="1000"} 2');
    expect(text).toContain('toolgate_total_latency_ms_bucket{le="+Inf"} 2');
    expect(text).toContain("toolgate_total_latency_ms_sum 703");
    expect(text).toMatch(/# TYPE toolgate_calls_total counter/);
  });
});
