import { describe, expect, it } from "vitest";
import { SseSplitter } from "@/proxy/sse";

describe("SseSplitter", () => {
  it("cuts events across arbitrary chunk boundaries and keeps the raw bytes", () => {
    const stream = 'id: 1\nevent: message\ndata: {"a":1}\n\n: comment\n\ndata: line1\ndata: line2\r\n\r\ndata: tail';
    for (let size = 1; size <= stream.length; size++) {
      const splitter = new SseSplitter();
      const events = [];
      for (let i = 0; i < stream.length; i += size) events.push(...splitter.push(stream.slice(i, i + size)));
      expect(events.map((event) => event.data)).toEqual(['{"a":1}', null, "line1\nline2"]);
      expect(events.map((event) => event.raw).join("") + splitter.rest()).toBe(stream);
    }
  });
});
