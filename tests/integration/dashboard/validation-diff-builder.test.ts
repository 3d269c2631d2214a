import { describe, expect, it } from "vitest";
import { countChanges, diffLines } from "@/lib/diff";
import type { PolicyDocument } from "@/lib/policy/types";
import { formatPolicyDocument } from "@/lib/policy-format";
import { mergeToolRule } from "@/lib/servers/apply-tool-rule";
import { mintGrantSchema, updateGrantSchema } from "@/lib/validation/grant";
import { attachPolicySchema, createPolicySchema, simulateCallSchema, updatePolicySchema } from "@/lib/validation/policy";
import { createServerFormSchema } from "@/lib/validation/server-form";

describe("policy schemas", () => {
  it("accepts JSON text or a value and returns the document as written", () => {
    const text = '{"version":"1","default":"deny","tools":{"echo":{}}}';
    expect(createPolicySchema.parse({ serverId: "s", name: " p ", document: text })).toEqual({ serverId: "s", name: "p", document: JSON.parse(text) });
    expect(updatePolicySchema.parse({ policyId: "p", document: JSON.parse(text) }).document).toEqual(JSON.parse(text));
  });

  it("reports every engine error with its JSON pointer, and syntax errors plainly", () => {
    const bad = updatePolicySchema.safeParse({ policyId: "p", document: '{"version":"2","default":"maybe","tools":{"x":{"action":"explode"}}}' });
    const messages = bad.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/version: /), expect.stringMatching(/^\/default: /), expect.stringMatching(/^\/tools\/x\/action: /)]),
    );
    expect(bad.error?.issues.every((issue) => issue.path.join(".") === "document")).toBe(true);
    const syntax = updatePolicySchema.safeParse({ policyId: "p", document: "{not json" });
    expect(syntax.error?.issues[0]?.message).toMatch(/^\/: is not valid JSON/);
    expect(updatePolicySchema.safeParse({ policyId: "p", document: "  " }).error?.issues[0]?.message).toBe("Write a policy document (JSON).");
    expect(updatePolicySchema.safeParse({ policyId: "p" }).error?.issues[0]).toMatchObject({ path: ["document"], message: "Write a policy document (JSON)." });
  });

  it("parses simulated call arguments as a JSON object", () => {
    expect(simulateCallSchema.parse({ policyId: "p", tool: "echo", arguments: '{"message":"hi"}' }).arguments).toEqual({ message: "hi" });
    expect(simulateCallSchema.parse({ policyId: "p", tool: "echo", arguments: "" }).arguments).toEqual({});
    expect(simulateCallSchema.safeParse({ policyId: "p", tool: "echo", arguments: "[1]" }).error?.issues[0]?.message).toMatch(/must be a JSON object/);
    expect(simulateCallSchema.parse({ policyId: "p", tool: "echo", document: "" }).document).toBeUndefined();
    expect(simulateCallSchema.parse({ policyId: "p", tool: "echo", document: '{"version":"1","default":"allow"}' }).document).toEqual({
      version: "1",
      default: "allow",
    });
    expect(simulateCallSchema.safeParse({ policyId: "p", tool: "echo", document: '{"version":"1"}' }).error?.issues[0]?.path).toEqual(["document"]);
    expect(attachPolicySchema.parse({ grantId: "g", policyId: "" })).toEqual({ grantId: "g", policyId: null });
  });
});

describe("grant and server form schemas", () => {
  it("reads blank policy and expiry as none, zone-less dates as UTC, and refuses past expiry", () => {
    expect(mintGrantSchema.parse({ serverId: "s", label: "bot", policyId: "", expiresAt: "" })).toEqual({
      serverId: "s",
      label: "bot",
      policyId: null,
      expiresAt: null,
    });
    expect(mintGrantSchema.parse({ serverId: "s", label: "bot", expiresAt: "2999-01-02T03:04" }).expiresAt).toEqual(new Date("2999-01-02T03:04:00Z"));
    expect(mintGrantSchema.safeParse({ serverId: "s", label: "bot", expiresAt: "2001-01-01" }).error?.issues[0]?.message).toBe(
      "The expiry must be in the future.",
    );
    expect(mintGrantSchema.safeParse({ serverId: "s", label: " " }).error?.issues[0]?.path).toEqual(["label"]);
    expect(updateGrantSchema.parse({ grantId: "g" })).toEqual({ grantId: "g" });
    expect(updateGrantSchema.parse({ grantId: "g", policyId: "", expiresAt: "" })).toEqual({ grantId: "g", policyId: null, expiresAt: null });
  });

  it("parses header lines and refuses malformed or proxy-managed headers", () => {
    expect(createServerFormSchema.parse({ name: "crm", url: "https://x.example/mcp", headers: "Authorization: Bearer a:b\n\nX-Team: 1" }).headers).toEqual({
      Authorization: "Bearer a:b",
      "X-Team": "1",
    });
    const bad = createServerFormSchema.safeParse({ name: "crm", url: "ftp://x", headers: "no colon\nHost: evil" });
    expect(bad.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual([
      "url: Enter an http:// or https:// URL of the MCP endpoint.",
      'headers: Line 1: write "Name: value".',
      'headers: "Host" is managed by the proxy and cannot be set.',
    ]);
  });
});

describe("diffLines", () => {
  it("keeps common lines and marks additions and removals in order", () => {
    const lines = diffLines("a\nb\nc\nd", "a\nc\nd\ne");
    expect(lines).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "same", text: "d" },
      { kind: "added", text: "e" },
    ]);
    expect(countChanges(lines)).toEqual({ added: 1, removed: 1 });
    expect(diffLines("", "x")).toEqual([{ kind: "added", text: "x" }]);
    expect(diffLines("same", "same")).toEqual([{ kind: "same", text: "same" }]);
  });

  it("rebuilds both sides from its output", () => {
    const before = ["{", '  "a": 1,', '  "b": 2', "}"].join("\n");
    const after = ["{", '  "a": 1,', '  "c": 3,', '  "b": 2', "}"].join("\n");
    const lines = diffLines(before, after);
    expect(
      lines
        .filter((l) => l.kind !== "added")
        .map((l) => l.text)
        .join("\n"),
    ).toBe(before);
    expect(
      lines
        .filter((l) => l.kind !== "removed")
        .map((l) => l.text)
        .join("\n"),
    ).toBe(after);
  });
});

describe("recommended-rule merge", () => {
  const document: PolicyDocument = {
    version: "1",
    default: "deny",
    validate_arguments: true,
    hide: ["secret_tool"],
    tools: {
      echo: { limits: [{ counter: "echo:minute", window: "minute", max: 5, scope: "grant" }] },
      drop: { action: "deny" },
      pay: { action: "require_approval", approval: { timeout: "30m" } },
      fancy: { deny_if: [{ conditions: [{ path: "args.x", op: "eq", value: 1 }] }] },
    },
  };

  it("merges a recommended rule, replacing only that tool and unhiding it", () => {
    const merged = mergeToolRule(document, "secret_tool", { action: "require_approval", approval: { timeout: "30m" } });
    expect(merged.hide).toEqual([]);
    expect(merged.tools.secret_tool).toEqual({ action: "require_approval", approval: { timeout: "30m" } });
    expect(merged.tools.echo).toEqual(document.tools.echo);
    expect(document.tools.secret_tool).toBeUndefined();
  });
});

describe("formatPolicyDocument", () => {
  it("orders keys as people write them, keeps tool order and user values, and changes nothing else", () => {
    const stored = {
      tools: {
        zeta: { limits: [{ max: 3, scope: "grant", window: "minute", counter: "z" }] },
        alpha: { deny_if: [{ conditions: [{ op: "eq", path: "args.x", value: { b: 1, a: 2 } }] }] },
      },
      default: "deny",
      version: "1",
    };
    const text = formatPolicyDocument(stored);
    expect(JSON.parse(text)).toEqual(stored);
    expect(Object.keys(JSON.parse(text))).toEqual(["version", "default", "tools"]);
    expect(text.indexOf('"zeta"')).toBeLessThan(text.indexOf('"alpha"'));
    expect(text.indexOf('"counter"')).toBeLessThan(text.indexOf('"max"'));
    expect(text.indexOf('"path"')).toBeLessThan(text.indexOf('"op"'));
    expect(text.indexOf('"b"')).toBeLessThan(text.indexOf('"a"'));
  });
});
