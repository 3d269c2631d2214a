import { describe, expect, it } from "vitest";
import { countCallsByBucket, getCall, listCalls, streamCalls } from "@/lib/db/calls";
import { getDb } from "@/lib/db/client";
import { callFiltersSchema } from "@/lib/validation/calls";
import { createTestOrg } from "../../helpers/harness";

type Decision = "allowed" | "denied" | "hidden" | "pending" | "error" | "forwarded";
const BASE = Date.parse("2026-03-01T12:00:00Z");

/** Inserts call rows as the proxy would; minute `n` after BASE, with the given fields. */
async function insertCalls(
  orgId: string,
  rows: Array<{ minute: number; tool?: string; decision?: Decision; serverId?: string; grantId?: string; code?: string }>,
) {
  const db = await getDb();
  await db.call.createMany({
    data: rows.map((row) => ({
      orgId,
      serverId: row.serverId ?? "srv-1",
      grantId: row.grantId ?? "grant-1",
      grantLabel: "agent",
      method: "tools/call",
      tool: row.tool ?? "echo",
      decision: row.decision ?? "allowed",
      code: row.code ?? (row.decision === "denied" ? "tool_denied" : "allowed"),
      argumentKeys: ["message"],
      totalMs: 3,
      createdAt: new Date(BASE + row.minute * 60_000),
    })),
  });
}

describe("call log queries", () => {
  it("filters by every field and never shows another organisation's calls", async () => {
    const a = await createTestOrg("calls-a");
    const b = await createTestOrg("calls-b");
    await insertCalls(a.org.id, [
      { minute: 0, tool: "echo" },
      { minute: 1, tool: "delete", decision: "denied" },
      { minute: 2, tool: "echo", serverId: "srv-2", grantId: "grant-2" },
    ]);
    await insertCalls(b.org.id, [{ minute: 1, tool: "echo" }]);
    const all = await listCalls({ orgId: a.org.id });
    expect(all.items.map((call) => call.tool)).toEqual(["echo", "delete", "echo"]);
    expect(all.nextCursor).toBeNull();
    const denied = await listCalls({ orgId: a.org.id, filters: { decision: "denied" } });
    expect(denied.items).toEqual([expect.objectContaining({ tool: "delete", code: "tool_denied" })]);
    expect((await listCalls({ orgId: a.org.id, filters: { serverId: "srv-2" } })).items).toHaveLength(1);
    expect((await listCalls({ orgId: a.org.id, filters: { grantId: "grant-1", tool: "echo" } })).items).toHaveLength(1);
    expect((await listCalls({ orgId: a.org.id, filters: { code: "allowed", method: "tools/call" } })).items).toHaveLength(2);
    const window = await listCalls({ orgId: a.org.id, filters: { from: new Date(BASE + 60_000), to: new Date(BASE + 120_000) } });
    expect(window.items.map((call) => call.tool)).toEqual(["delete"]);
    const bCalls = await listCalls({ orgId: b.org.id });
    expect(bCalls.items).toHaveLength(1);
    await expect(getCall({ orgId: b.org.id, callId: all.items[0]?.id ?? "" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getCall({ orgId: a.org.id, callId: "not-a-number" })).rejects.toMatchObject({ code: "not_found" });
    expect(await getCall({ orgId: a.org.id, callId: all.items[0]?.id ?? "" })).toMatchObject({ tool: "echo", argumentKeys: ["message"] });
  });

  it("pages with a keyset cursor without gaps or repeats, also among rows of the same time", async () => {
    const { org } = await createTestOrg("calls-page");
    await insertCalls(org.id, [...Array.from({ length: 7 }, (_, i) => ({ minute: i })), { minute: 3 }, { minute: 3 }]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listCalls>> = await listCalls({ orgId: org.id, cursor, limit: 2 });
      seen.push(...page.items.map((call) => call.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(9);
    const streamed: string[] = [];
    for await (const call of streamCalls({ orgId: org.id, pageSize: 4 })) streamed.push(call.id);
    expect(streamed).toEqual(seen);
    const times = (await listCalls({ orgId: org.id, limit: 9 })).items.map((call) => call.createdAt.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it("counts calls per bucket and decision, with empty buckets, inside one organisation", async () => {
    const a = await createTestOrg("bucket-a");
    const b = await createTestOrg("bucket-b");
    await insertCalls(a.org.id, [{ minute: 0 }, { minute: 4 }, { minute: 6, decision: "denied" }, { minute: 16, serverId: "srv-2" }]);
    await insertCalls(b.org.id, [{ minute: 0 }, { minute: 1 }]);
    const buckets = await countCallsByBucket({ orgId: a.org.id, from: new Date(BASE), to: new Date(BASE + 20 * 60_000), bucketSeconds: 300 });
    expect(buckets.map((bucket) => bucket.start.toISOString())).toEqual([
      "2026-03-01T12:00:00.000Z",
      "2026-03-01T12:05:00.000Z",
      "2026-03-01T12:10:00.000Z",
      "2026-03-01T12:15:00.000Z",
    ]);
    expect(buckets.map((bucket) => [bucket.counts.allowed, bucket.counts.denied])).toEqual([
      [2, 0],
      [0, 1],
      [0, 0],
      [1, 0],
    ]);
    const server = await countCallsByBucket({ orgId: a.org.id, from: new Date(BASE), to: new Date(BASE + 20 * 60_000), bucketSeconds: 300, serverId: "srv-2" });
    expect(server.map((bucket) => bucket.total)).toEqual([0, 0, 0, 1]);
    await expect(countCallsByBucket({ orgId: a.org.id, from: new Date(BASE), to: new Date(BASE + 86_400_000), bucketSeconds: 1 })).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});

describe("callFiltersSchema", () => {
  it("reads query-string values: blanks are no filter, dates are ISO or zone-less UTC", () => {
    const parsed = callFiltersSchema.parse({ serverId: "", decision: "denied", from: "2026-03-01T12:00", to: "2026-03-02T00:00:00Z", tool: " echo " });
    expect(parsed).toEqual({ decision: "denied", from: new Date("2026-03-01T12:00:00Z"), to: new Date("2026-03-02T00:00:00Z"), tool: "echo" });
  });

  it("rejects unknown decisions, bad dates and reversed ranges with messages for users", () => {
    const result = callFiltersSchema.safeParse({ decision: "maybe", from: "yesterday" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["decision", "from"]);
    const reversed = callFiltersSchema.safeParse({ from: "2026-03-02", to: "2026-03-01" });
    expect(reversed.error?.issues[0]).toMatchObject({ path: ["to"], message: "From must be before To." });
  });
});
