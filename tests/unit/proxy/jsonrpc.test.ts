import { describe, expect, it } from "vitest";
import { argumentKeysOf, parseMessage } from "@/proxy/jsonrpc";

const parse = (text: string) => parseMessage(new TextEncoder().encode(text));

describe("parseMessage", () => {
  it("classifies requests, notifications and responses", () => {
    expect(parse('{"jsonrpc":"2.0","id":1,"method":"ping"}').kind).toBe("request");
    expect(parse('{"jsonrpc":"2.0","method":"notifications/initialized"}').kind).toBe("notification");
    expect(parse('{"jsonrpc":"2.0","id":"a","result":{}}').kind).toBe("response");
  });

  it.each([
    ["{", -32700],
    ["[]", -32600],
    ['[{"jsonrpc":"2.0","id":1,"method":"ping"}]', -32600],
    ['"text"', -32600],
    ['{"jsonrpc":"1.0","id":1,"method":"ping"}', -32600],
    ['{"jsonrpc":"2.0","id":1.5,"method":"ping"}', -32600],
    ['{"jsonrpc":"2.0","id":1,"method":""}', -32600],
    ['{"jsonrpc":"2.0","id":1,"method":"x","params":[1]}', -32600],
    ['{"jsonrpc":"2.0","id":1}', -32600],
  ])("%s is rejected with %i", (text, code) => {
    const result = parse(text);
    expect(result.kind).toBe("invalid");
    expect(result.kind === "invalid" && result.code).toBe(code);
  });

  it("keeps only sorted top-level argument names", () => {
    expect(argumentKeysOf({ b: 1, a: { secret: "x" } })).toEqual(["a", "b"]);
    expect(argumentKeysOf(undefined)).toEqual([]);
  });
});
