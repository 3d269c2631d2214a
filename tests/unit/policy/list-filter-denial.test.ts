import { describe, expect, it } from "vitest";
import { createDecision } from "@/lib/policy/decisions";
import { toDenialResult } from "@/lib/policy/denial";
import { rateLimitedDecision } from "@/lib/policy/evaluate";
import { filterToolsList, isToolHidden } from "@/lib/policy/list-filter";
import { compile, decide } from "./helpers";

const page = {
  tools: [
    { name: "a", description: "A", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } },
    { name: "secret", description: "S", inputSchema: { type: "object" } },
    { name: "b", description: "B", inputSchema: { type: "object" } },
  ],
  nextCursor: "page-2",
  _meta: { "vendor/x": 1 },
};

describe("filterToolsList", () => {
  it("removes hidden tools and keeps every other field and tool object untouched", () => {
    const filtered = filterToolsList(page, compile({ version: "1", default: "allow", hide: ["secret"] }));
    expect(filtered.tools.map((tool) => tool.name)).toEqual(["a", "b"]);
    expect(filtered.nextCursor).toBe("page-2");
    expect(filtered._meta).toBe(page._meta);
    expect(filtered.tools[0]).toBe(page.tools[0]);
    expect(page.tools).toHaveLength(3);
  });

  it('"*" hides every tool but keeps the cursor', () => {
    const filtered = filterToolsList(page, compile({ version: "1", default: "allow", hide: ["*"] }));
    expect(filtered).toEqual({ tools: [], nextCursor: "page-2", _meta: { "vendor/x": 1 } });
  });

  it("returns the result unchanged when nothing is hidden", () => {
    expect(filterToolsList(page, compile({ version: "1", default: "deny" }))).toBe(page);
    expect(filterToolsList(page, null)).toBe(page);
  });

  it("isToolHidden", () => {
    const p = compile({ version: "1", default: "allow", hide: ["secret"] });
    expect(isToolHidden(p, "secret")).toBe(true);
    expect(isToolHidden(p, "a")).toBe(false);
    expect(isToolHidden(null, "secret")).toBe(false);
  });
});

describe("toDenialResult", () => {
  const p = compile({ version: "1", default: "deny", tools: { t: { deny_if: [{ conditions: [], on_deny: "No." }] } } });

  it("names policy, version and rule", () => {
    const result = toDenialResult(decide(p, "t"), { policyName: "Support agent", policyVersion: 3, policyId: "pol_1" });
    expect(result).toEqual({
      content: [{ type: "text", text: 'Denied by Toolgate policy "Support agent" v3 (deny_if /tools/t/deny_if/0): No.' }],
      isError: true,
      _meta: { "toolgate/decision": { code: "deny_if", rule: "/tools/t/deny_if/0", policy: "Support agent", version: 3, policyId: "pol_1" } },
    });
  });

  it("uses the pseudo-rule for default deny", () => {
    const text = toDenialResult(decide(p, "other"), { policyName: "P", policyVersion: 1 }).content[0].text;
    expect(text).toBe('Denied by Toolgate policy "P" v1 (default deny): This tool is not allowed by this policy (default deny).');
  });

  it("no policy", () => {
    const result = toDenialResult(decide(null, "t"), { policyName: null, policyVersion: null });
    expect(result.content[0].text).toMatch(/^Denied by Toolgate \(no policy\): No policy is attached/);
    expect(result._meta["toolgate/decision"]).toEqual({ code: "no_policy", rule: "(no policy)", policy: null, version: null });
  });

  it("carries retryAfter for rate limits", () => {
    const now = new Date("2026-01-01T00:00:59.000Z");
    const decision = rateLimitedDecision(
      {
        key: "k",
        rule: "/all_tools/limits/0",
        counter: "c",
        scope: "grant",
        amount: 1,
        max: 1,
        windowStart: new Date("2026-01-01T00:00:00Z"),
        windowEnd: new Date("2026-01-01T00:01:00Z"),
      },
      now,
    );
    const result = toDenialResult(decision, { policyName: "P", policyVersion: 2 });
    expect(result._meta["toolgate/decision"].retryAfter).toBe(1);
    expect(result.content[0].text).toMatch(/^Denied by Toolgate policy "P" v2 \(rate_limited \/all_tools\/limits\/0\): Rate limit reached/);
  });

  it("falls back to a generic message", () => {
    const text = toDenialResult(createDecision("deny", "tool_denied", "/tools/x"), { policyName: "P", policyVersion: 1 }).content[0].text;
    expect(text).toBe('Denied by Toolgate policy "P" v1 (tool_denied /tools/x): This call is not allowed.');
  });
});
