import { describe, expect, it } from "vitest";
import { assertPublicUpstream, isPrivateAddress } from "@/lib/net/ssrf";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1234",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "64:ff9b::10.0.0.1",
    "ff02::1",
    "not-an-ip",
  ])("refuses %s", (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "192.169.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2a00:1450:4001:82a::200e"])(
    "accepts %s",
    (ip) => expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe("assertPublicUpstream", () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses;

  it("refuses loopback literals and names, and names resolving to any private address, with a field error on url", async () => {
    for (const url of ["http://127.0.0.1:8080/mcp", "http://[::1]/mcp", "http://localhost:3000/mcp", "http://api.localhost/mcp"]) {
      await expect(assertPublicUpstream(url, { isPrivateAllowed: false, resolveHost: resolveTo("8.8.8.8") })).rejects.toMatchObject({
        code: "validation_failed",
        details: { fieldErrors: { url: [expect.stringContaining("TOOLGATE_ALLOW_PRIVATE_UPSTREAMS")] } },
      });
    }
    await expect(
      assertPublicUpstream("https://mcp.example.com/mcp", { isPrivateAllowed: false, resolveHost: resolveTo("93.184.216.34", "10.0.0.5") }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("10.0.0.5"),
    });
    await expect(assertPublicUpstream("https://nowhere.example/mcp", { isPrivateAllowed: false, resolveHost: resolveTo() })).rejects.toMatchObject({
      message: "Could not resolve nowhere.example.",
    });
  });

  it("accepts public addresses, and anything when the operator allows private upstreams", async () => {
    await expect(
      assertPublicUpstream("https://mcp.example.com/mcp", { isPrivateAllowed: false, resolveHost: resolveTo("93.184.216.34") }),
    ).resolves.toBeUndefined();
    await expect(assertPublicUpstream("http://8.8.8.8/mcp", { isPrivateAllowed: false })).resolves.toBeUndefined();
    await expect(assertPublicUpstream("http://127.0.0.1/mcp", { isPrivateAllowed: true })).resolves.toBeUndefined();
  });
});
