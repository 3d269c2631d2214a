import { describe, expect, it } from "vitest";
import { type AddressClass, canonicalAddress, classifyAddress, classifyHostname, findNonPublicAddress } from "@/lib/net/address-class";

/**
 * The one table for the classifier used at registration and at connect time. It holds every
 * address either of the two former classifiers refused, so merging them loosened nothing.
 */
const table: Array<[string, AddressClass]> = [
  // Loopback, in every spelling the URL parser or an IPv6 embedding allows.
  ["127.0.0.1", "loopback"],
  ["127.255.0.9", "loopback"],
  ["::1", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback"],
  ["[::1]", "loopback"],
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["::FFFF:127.0.0.1", "loopback"],
  ["::127.0.0.1", "loopback"],
  ["::7f00:1", "loopback"],
  ["::ffff:0:7f00:1", "loopback"],
  ["64:ff9b::127.0.0.1", "loopback"],
  ["2002:7f00:1::", "loopback"],
  ["2130706433", "loopback"],
  ["0x7f000001", "loopback"],
  ["0x7f.1", "loopback"],
  ["017700000001", "loopback"],
  ["0177.0.0.1", "loopback"],
  ["127.1", "loopback"],
  // RFC 1918, its IPv6 embeddings, and the deprecated site-local and local-use NAT64 prefixes.
  ["10.1.2.3", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.1", "private"],
  ["::ffff:10.0.0.1", "private"],
  ["64:ff9b::10.0.0.1", "private"],
  ["fec0::1", "private"],
  ["64:ff9b:1::a00:1", "private"],
  ["100.64.0.1", "cgnat"],
  ["100.127.255.255", "cgnat"],
  // Cloud metadata comes before the link-local and unique-local ranges that contain it.
  ["169.254.169.254", "metadata"],
  ["::ffff:169.254.169.254", "metadata"],
  ["169.254.170.2", "metadata"],
  ["100.100.100.200", "metadata"],
  ["fd00:ec2::254", "metadata"],
  ["169.254.1.1", "link-local"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["febf::1", "link-local"],
  ["fc00::1", "unique-local"],
  ["fd00::1234", "unique-local"],
  ["fd12:3456::1", "unique-local"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["0", "unspecified"],
  ["::", "unspecified"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["ff02::1", "multicast"],
  ["255.255.255.255", "reserved"],
  ["240.0.0.1", "reserved"],
  ["192.0.0.1", "reserved"],
  ["192.0.2.1", "reserved"],
  ["192.88.99.1", "reserved"],
  ["198.18.0.1", "reserved"],
  ["198.51.100.1", "reserved"],
  ["203.0.113.1", "reserved"],
  ["2001:db8::1", "reserved"],
  ["3fff::1", "reserved"],
  ["2001::1", "reserved"],
  ["100::1", "reserved"],
  // Outside 2000::/3 nothing is public (the old proxy guard's prefix patterns also refused these).
  ["fc0::1", "reserved"],
  ["ff::1", "reserved"],
  ["not-an-ip", "invalid"],
  ["", "invalid"],
  ["256.1.1.1", "invalid"],
  ["1.2.3.4:80", "invalid"],
  ["127.0.0.1/foo", "invalid"],
  // Public addresses, including neighbours of refused ranges and public IPv4 inside IPv6.
  ["8.8.8.8", "public"],
  ["1.1.1.1", "public"],
  ["172.32.0.1", "public"],
  ["192.169.0.1", "public"],
  ["100.128.0.1", "public"],
  ["169.255.0.1", "public"],
  ["223.255.255.255", "public"],
  ["::ffff:8.8.8.8", "public"],
  ["64:ff9b::8.8.8.8", "public"],
  ["2002:808:808::1", "public"],
  ["2606:4700:4700::1111", "public"],
  ["2a00:1450:4001:82a::200e", "public"],
];

describe("classifyAddress", () => {
  it.each(table)("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe("canonicalAddress", () => {
  it.each([
    ["0x7f000001", "127.0.0.1"],
    ["1.2.3.4.", "1.2.3.4"],
    ["[::FFFF:127.0.0.1]", "::ffff:7f00:1"],
    ["fe80::1%eth0", "fe80::1"],
    ["example.com", null],
    ["deadbeef.cafe", null],
    ["localhost", null],
  ])("%s → %s", (text, expected) => {
    expect(canonicalAddress(text)).toBe(expected);
  });
});

describe("classifyHostname", () => {
  it.each([
    ["localhost", "loopback"],
    ["LOCALHOST.", "loopback"],
    ["api.localhost", "loopback"],
    ["metadata.google.internal", "metadata"],
    ["metadata.google.internal.", "metadata"],
    ["[::ffff:7f00:1]", "loopback"],
    ["8.8.8.8", "public"],
    ["example.com", null],
    ["localhost.example.com", null],
    ["notlocalhost", null],
  ] as const)("%s is %s", (hostname, expected) => {
    expect(classifyHostname(hostname)).toBe(expected);
  });
});

describe("findNonPublicAddress", () => {
  it("finds the first address that is not public, since the resolver may dial any of them", () => {
    expect(findNonPublicAddress(["93.184.216.34", "10.0.0.5", "127.0.0.1"])).toEqual({ address: "10.0.0.5", addressClass: "private" });
    expect(findNonPublicAddress(["93.184.216.34", "2606:4700::1111"])).toBeNull();
  });
});
