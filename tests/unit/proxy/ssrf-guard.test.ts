import { describe, expect, it } from "vitest";
import { checkLiteralHost, classifyAddress } from "@/proxy/ssrf-guard";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fd12:3456::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["100.64.0.1", "cgnat"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["224.0.0.1", "multicast"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["2606:4700::1111", "public"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it("checks literal hosts before dialling, unless private upstreams are allowed", () => {
    expect(checkLiteralHost("127.0.0.1", false)?.addressClass).toBe("loopback");
    expect(checkLiteralHost("[::1]", false)?.addressClass).toBe("loopback");
    expect(checkLiteralHost("127.0.0.1", true)).toBeNull();
    expect(checkLiteralHost("example.com", false)).toBeNull();
  });
});
