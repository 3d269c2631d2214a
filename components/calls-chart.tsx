import type { CallBucket } from "@/lib/db/calls";
import { formatNumber } from "@/lib/format";

type DecisionKey = keyof CallBucket["counts"];

// Stack order: the healthy majority at the bottom, problems on top where the eye lands first.
const SERIES: Array<{ key: DecisionKey; label: string; fill: string }> = [
  { key: "allowed", label: "Allowed", fill: "fill-allowed-500" },
  { key: "forwarded", label: "Forwarded", fill: "fill-accent-300" },
  { key: "hidden", label: "Hidden", fill: "fill-hidden-500" },
  { key: "pending", label: "Pending", fill: "fill-pending-500" },
  { key: "error", label: "Error", fill: "fill-denied-800" },
  { key: "denied", label: "Denied", fill: "fill-denied-500" },
];

const WIDTH = 720;
const HEIGHT = 160;
const AXIS = 18;
/** Room above the tallest bar for the summary line. */
const TOP = 18;

const timeLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "short", timeZone: "UTC" });

/** Server-rendered stacked bars of calls per time bucket; each bar has a title for hover and screen readers. */
export function CallsChart({ buckets, title = "Calls over time by decision" }: { buckets: CallBucket[]; title?: string }) {
  const max = Math.max(1, ...buckets.map((bucket) => bucket.total));
  const slot = WIDTH / Math.max(1, buckets.length);
  const barWidth = Math.max(1, slot * 0.8);
  const plotHeight = HEIGHT - AXIS;
  const total = buckets.reduce((sum, bucket) => sum + bucket.total, 0);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  return (
    <figure className="space-y-2" data-testid="calls-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-40 w-full" role="img" aria-label={`${title}: ${formatNumber(total)} calls`}>
        <line x1={0} x2={WIDTH} y1={plotHeight} y2={plotHeight} className="stroke-zinc-300" />
        {buckets.map((bucket, index) => {
          let y = plotHeight;
          const x = index * slot + (slot - barWidth) / 2;
          return (
            <g key={bucket.start.toISOString()}>
              <title>{`${timeLabel.format(bucket.start)} UTC: ${
                SERIES.filter((s) => bucket.counts[s.key] > 0)
                  .map((s) => `${bucket.counts[s.key]} ${s.label.toLowerCase()}`)
                  .join(", ") || "no calls"
              }`}</title>
              {SERIES.map((series) => {
                const count = bucket.counts[series.key];
                if (count === 0) return null;
                const height = (count / max) * (plotHeight - TOP);
                y -= height;
                return <rect key={series.key} x={x} y={y} width={barWidth} height={height} className={series.fill} />;
              })}
            </g>
          );
        })}
        <text x={0} y={HEIGHT - 4} className="fill-zinc-500 text-[11px]">
          {first ? `${timeLabel.format(first.start)} UTC` : ""}
        </text>
        <text x={WIDTH} y={HEIGHT - 4} textAnchor="end" className="fill-zinc-500 text-[11px]">
          {last ? `${timeLabel.format(last.start)} UTC` : ""}
        </text>
        <text x={0} y={12} className="fill-zinc-500 text-[11px]">
          {`${formatNumber(total)} calls · max ${formatNumber(max)} per bar`}
        </text>
      </svg>
      <figcaption className="flex flex-wrap gap-3 text-xs text-zinc-600">
        {SERIES.map((series) => (
          <span key={series.key} className="inline-flex items-center gap-1">
            <svg aria-hidden="true" viewBox="0 0 10 10" className="size-2.5">
              <rect width={10} height={10} className={series.fill} />
            </svg>
            {series.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Picks a bucket size giving about `targetBars` bars over the range, rounded to a readable step. */
export function chooseBucketSeconds(from: Date, to: Date, targetBars = 48): number {
  const span = Math.max(60, (to.getTime() - from.getTime()) / 1000);
  const steps = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800];
  return steps.find((step) => span / step <= targetBars) ?? 604800;
}
