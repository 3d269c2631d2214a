import { describe, expect, it } from "vitest";
import { computeCallHash, isApprovalId } from "@/lib/approvals/call-hash";

const hash = (args: Record<string, unknown> | undefined, grantId = "g1", tool = "refund") => computeCallHash({ grantId, tool, args });

describe("computeCallHash", () => {
  it("is a sha256 hex digest", () => {
    expect(hash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores key order at every depth", () => {
    const a = { amount: 10, customer: { id: "c1", tags: ["x", "y"], address: { zip: "1", city: "B" } } };
    const b = { customer: { address: { city: "B", zip: "1" }, tags: ["x", "y"], id: "c1" }, amount: 10 };
    expect(hash(a)).toBe(hash(b));
  });

  it("keeps array order and value types significant", () => {
    expect(hash({ tags: ["x", "y"] })).not.toBe(hash({ tags: ["y", "x"] }));
    expect(hash({ amount: 10 })).not.toBe(hash({ amount: "10" }));
    expect(hash({ amount: null })).not.toBe(hash({}));
  });

  it("treats missing arguments as an empty object and drops undefined values, as JSON would", () => {
    expect(hash(undefined)).toBe(hash({}));
    expect(hash({ a: 1, b: undefined })).toBe(hash({ a: 1 }));
  });

  it("binds the hash to the grant and the tool", () => {
    expect(hash({ a: 1 }, "g1")).not.toBe(hash({ a: 1 }, "g2"));
    expect(hash({ a: 1 }, "g1", "refund")).not.toBe(hash({ a: 1 }, "g1", "delete"));
  });

  it("cannot be made to collide by moving text between the parts", () => {
    expect(computeCallHash({ grantId: "g1", tool: "a,b", args: {} })).not.toBe(computeCallHash({ grantId: "g1,a", tool: "b", args: {} }));
  });
});

describe("isApprovalId", () => {
  it("accepts apr_ ids and rejects anything else", () => {
    expect(isApprovalId("apr_0123456789abcdefABCDEF")).toBe(true);
    expect(isApprovalId("apr_")).toBe(false);
    expect(isApprovalId("grant_0123456789")).toBe(false);
  });
});
