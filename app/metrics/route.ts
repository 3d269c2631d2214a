import { renderMetrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

// Prometheus scrape endpoint of this instance. It exposes counts and latencies only, never ids,
// tokens or organisation names, so it is served without authentication like /healthz; put it
// behind your network's scrape ACL if even aggregate volumes are sensitive.
export function GET() {
  return new Response(renderMetrics(), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" } });
}
