/** Percentiles and the proxy process's CPU time, read from /proc (Linux) so the client's own work is not counted. */
import { readFileSync } from "node:fs";

export function percentile(sortedMs: number[], fraction: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil(fraction * sortedMs.length) - 1));
  return sortedMs[index] as number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process in microseconds. */
export function readProcessCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / CLOCK_TICKS_PER_SECOND) * 1_000_000;
}

export type ModeResult = { latenciesMs: number[]; elapsedMs: number; calls: number };

export function summarise(result: ModeResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), throughput: (result.calls / result.elapsedMs) * 1000 };
}
