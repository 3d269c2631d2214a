/** Percentiles and the proxy process's CPU time, read from /proc (Linux) so the client's own work is not counted. */
import { readdirSync, readFileSync } from "node:fs";

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

/** CPU of a process and every live descendant (`next start` may serve from a child process). */
export function readProcessTreeCpuMicros(pid: number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop() as number;
    try {
      total += readProcessCpuMicros(current);
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) pending.push(...children.split(" ").map(Number));
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return total;
}

export type ModeResult = { latenciesMs: number[]; elapsedMs: number; calls: number };

export function summarise(result: ModeResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), throughput: (result.calls / result.elapsedMs) * 1000 };
}

/** A horizontal bar of `width` characters at most, in eighths of a character. */
export function bar(value: number, max: number, width: number): string {
  const eighths = Math.round((value / max) * width * 8);
  return "█".repeat(Math.floor(eighths / 8)) + (eighths % 8 > 0 ? (" ▏▎▍▌▋▊▉"[eighths % 8] as string) : "");
}
