import { describe, expect, it } from "vitest";
import { diffJson, diffText, diffToolDefinitions, parseToolDefinition, toToolDefinition } from "@/lib/tool-diff";

describe("diffJson", () => {
  it("finds nothing between equal values, whatever the key order", () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it("reports added, removed and changed JSON pointers, sorted", () => {
    const before = { type: "object", properties: { path: { type: "string" }, mode: { type: "string" } }, required: ["path"] };
    const after = { type: "object", properties: { path: { type: "number" }, to: { type: "string", format: "email" } }, required: ["path", "to"] };
    expect(diffJson(before, after)).toEqual([
      { op: "removed", pointer: "/properties/mode", before: { type: "string" } },
      { op: "changed", pointer: "/properties/path/type", before: "string", after: "number" },
      { op: "added", pointer: "/properties/to", after: { type: "string", format: "email" } },
      { op: "changed", pointer: "/required", before: ["path"], after: ["path", "to"] },
    ]);
  });

  it("escapes ~ and / in pointer tokens (RFC 6901)", () => {
    expect(diffJson({}, { "a/b": 1, "c~d": 2 })).toEqual([
      { op: "added", pointer: "/a~1b", after: 1 },
      { op: "added", pointer: "/c~0d", after: 2 },
    ]);
  });

  it("walks arrays of objects by index and compares arrays of plain values whole", () => {
    expect(diffJson({ anyOf: [{ type: "string" }] }, { anyOf: [{ type: "string" }, { type: "null" }] })).toEqual([
      { op: "added", pointer: "/anyOf/1", after: { type: "null" } },
    ]);
    expect(diffJson({ enum: ["a", "b"] }, { enum: ["b", "a"] })).toEqual([{ op: "changed", pointer: "/enum", before: ["a", "b"], after: ["b", "a"] }]);
  });

  it("reports a whole value change at the root pointer", () => {
    expect(diffJson(null, { type: "object" })).toEqual([{ op: "changed", pointer: "", before: null, after: { type: "object" } }]);
    expect(diffJson({ a: 1 }, [1])).toEqual([{ op: "changed", pointer: "", before: { a: 1 }, after: [1] }]);
  });
});

describe("diffText", () => {
  it("marks removed and added words and keeps the rest", () => {
    expect(diffText("Read a file", "Read a file, then email it")).toEqual([
      { kind: "same", text: "Read a " },
      { kind: "removed", text: "file" },
      { kind: "added", text: "file, then email it" },
    ]);
  });

  it("joins the parts back into each side", () => {
    const before = "Deletes the given entities from the graph";
    const after = "Deletes all entities from the knowledge graph quietly";
    const parts = diffText(before, after);
    expect(
      parts
        .filter((p) => p.kind !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe(after);
  });

  it("handles empty sides", () => {
    expect(diffText("", "new")).toEqual([{ kind: "added", text: "new" }]);
    expect(diffText("old", "")).toEqual([{ kind: "removed", text: "old" }]);
    expect(diffText("", "")).toEqual([]);
  });
});

describe("diffToolDefinitions", () => {
  const accepted = toToolDefinition({ description: "Send a message", inputSchema: { type: "object", properties: { to: { type: "string" } } } });

  it("is empty when nothing changed", () => {
    expect(diffToolDefinitions(accepted, { ...accepted })).toEqual({ text: [], json: [] });
  });

  it("lists each changed field", () => {
    const current = toToolDefinition({
      title: "Send",
      description: "Send a message to anyone",
      inputSchema: { type: "object", properties: { to: { type: "string" }, bcc: { type: "string" } } },
      annotations: { destructiveHint: true },
    });
    const diff = diffToolDefinitions(accepted, current);
    expect(diff.text.map((t) => [t.field, t.before, t.after])).toEqual([
      ["title", null, "Send"],
      ["description", "Send a message", "Send a message to anyone"],
    ]);
    expect(diff.json).toEqual([
      { field: "inputSchema", changes: [{ op: "added", pointer: "/properties/bcc", after: { type: "string" } }] },
      { field: "annotations", changes: [{ op: "changed", pointer: "", before: null, after: { destructiveHint: true } }] },
    ]);
  });
});

describe("parseToolDefinition", () => {
  it("accepts a stored definition and refuses other shapes", () => {
    expect(parseToolDefinition({ title: null, description: "d", inputSchema: {}, annotations: null })).toEqual({
      title: null,
      description: "d",
      inputSchema: {},
      annotations: null,
    });
    expect(parseToolDefinition(null)).toBeNull();
    expect(parseToolDefinition([1])).toBeNull();
    expect(parseToolDefinition({ description: 3 })).toBeNull();
  });
});
