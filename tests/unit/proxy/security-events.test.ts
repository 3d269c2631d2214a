import { describe, expect, it } from "vitest";
import { createSecurityEventRecorder, type SecurityEvent } from "@/proxy/security-events";

type Row = { ip: string | null; detail: string };

function recorder(options: { maxRowsPerWindow?: number } = {}) {
  const rows: Row[] = [];
  const record = createSecurityEventRecorder({ windowMs: 1_000, ...options, write: async (row) => rows.push(row) });
  return { rows, record };
}

const failure = (ip: string): SecurityEvent => ({ kind: "auth.invalid_token", ip, serverId: "srv", detail: "Rejected: unknown token." });

describe("security event recorder", () => {
  it("writes one row per source and window and carries the count of the rest into the next row", () => {
    const { rows, record } = recorder();
    for (let i = 0; i < 5; i++) record(failure("10.0.0.1"), 0);
    record(failure("10.0.0.2"), 10);
    record(failure("10.0.0.1"), 1_500);
    expect(rows.map((row) => row.ip)).toEqual(["10.0.0.1", "10.0.0.2", "10.0.0.1"]);
    expect(rows[2]?.detail).toContain("4 similar failures from this source");
  });

  it("caps rows per window however many sources a caller makes up, and reports what it left out", () => {
    const { rows, record } = recorder({ maxRowsPerWindow: 3 });
    for (let i = 0; i < 100; i++) record(failure(`192.0.2.${i}`), 0);
    expect(rows).toHaveLength(3);
    record(failure("198.51.100.7"), 1_000);
    expect(rows).toHaveLength(4);
    expect(rows[3]?.detail).toContain("97 failures from any source not written");
  });
});
