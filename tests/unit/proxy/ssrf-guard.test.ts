import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BlockedUpstreamError, checkLiteralHost, createGuardedLookup } from "@/proxy/ssrf-guard";

/** The connect-time adapter; which address is refused is tested in tests/unit/net/address-class.test.ts. */
describe("checkLiteralHost", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1", "loopback"],
    ["[::1]", "::1", "loopback"],
    ["[::ffff:7f00:1]", "::ffff:7f00:1", "loopback"],
    ["0x7f000001", "127.0.0.1", "loopback"],
    ["169.254.169.254", "169.254.169.254", "metadata"],
    ["[fd00:ec2::254]", "fd00:ec2::254", "metadata"],
    ["10.0.0.1", "10.0.0.1", "private"],
  ])("refuses %s before dialling", (hostname, address, addressClass) => {
    const blocked = checkLiteralHost(hostname, false);
    expect(blocked).toBeInstanceOf(BlockedUpstreamError);
    expect(blocked).toMatchObject({ name: "BlockedUpstreamError", host: hostname, address, addressClass });
    expect(blocked?.message).toBe(
      `The upstream host ${hostname} resolves to ${address} (${addressClass}); private upstreams are not allowed on this deployment.`,
    );
  });

  it("lets public literals, names (checked in the lookup) and everything under allowPrivate through", () => {
    expect(checkLiteralHost("8.8.8.8", false)).toBeNull();
    expect(checkLiteralHost("[2606:4700::1111]", false)).toBeNull();
    expect(checkLiteralHost("example.com", false)).toBeNull();
    expect(checkLiteralHost("localhost", false)).toBeNull();
    expect(checkLiteralHost("127.0.0.1", true)).toBeNull();
  });
});

describe("createGuardedLookup", () => {
  afterEach(() => vi.restoreAllMocks());

  const resolveTo = (...addresses: string[]) =>
    vi.spyOn(dns, "lookup").mockImplementation(((_hostname: string, _options: unknown, callback: (e: null, a: dns.LookupAddress[]) => void) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
      )) as unknown as typeof dns.lookup);

  const run = (lookup: LookupFunction, hostname: string, all = false) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      lookup(hostname, { all } as dns.LookupOptions & { all: boolean }, ((error: Error | null, address: unknown) => resolve({ error, address })) as never),
    );

  it("refuses a name when any resolved address is not public, naming that address", async () => {
    resolveTo("93.184.216.34", "::ffff:10.0.0.7");
    const { error } = await run(createGuardedLookup(false), "rebind.example");
    expect(error).toMatchObject({ name: "BlockedUpstreamError", host: "rebind.example", address: "::ffff:10.0.0.7", addressClass: "private" });
  });

  it("refuses loopback and metadata names even when DNS answers with a public address", async () => {
    resolveTo("93.184.216.34");
    for (const [hostname, addressClass] of [
      ["api.localhost", "loopback"],
      ["metadata.google.internal", "metadata"],
    ]) {
      const { error } = await run(createGuardedLookup(false), hostname as string);
      expect(error).toMatchObject({ name: "BlockedUpstreamError", addressClass });
      expect(error?.message).toBe(`The upstream host ${hostname} is a ${addressClass} name; private upstreams are not allowed on this deployment.`);
    }
  });

  it("answers public addresses in the shape the caller asked for, and anything under allowPrivate", async () => {
    resolveTo("93.184.216.34", "2606:4700::1111");
    expect(await run(createGuardedLookup(false), "mcp.example.com")).toEqual({ error: null, address: "93.184.216.34" });
    expect((await run(createGuardedLookup(false), "mcp.example.com", true)).address).toHaveLength(2);
    resolveTo("127.0.0.1");
    expect(await run(createGuardedLookup(true), "localhost")).toEqual({ error: null, address: "127.0.0.1" });
  });
});
