/**
 * The one answer to "what kind of address is this?" for upstream hosts (SPEC §7). Registration
 * (lib/net/ssrf.ts) and the proxy's connect-time guard (proxy/ssrf-guard.ts) both ask here, so a
 * host cannot pass one check and fail the other. Every class but "public" is refused unless the
 * operator sets TOOLGATE_ALLOW_PRIVATE_UPSTREAMS=true. When in doubt an address is refused: a
 * public MCP server never lives in a documentation, benchmarking or deprecated range, but an
 * attacker probing the operator's network would gladly use one that we forgot.
 *
 * Addresses are parsed by hand into integers rather than checked with node:net's BlockList,
 * because BlockList matches IPv6 rules against IPv4 addresses (a `::ffff:0:0/96` rule contains
 * every IPv4 address), and a classifier whose ranges leak across families is hard to audit.
 */
import { isIP } from "node:net";

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "cgnat"
  | "link-local"
  | "unique-local"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "invalid";

type Address = { family: 4 | 6; value: bigint };

const WIDTH = { 4: 32n, 6: 128n } as const;

/**
 * The first class whose ranges contain an address wins, so single metadata addresses come before
 * the link-local and unique-local ranges that hold them.
 */
const CLASS_RANGES: ReadonlyArray<[AddressClass, string[]]> = [
  // AWS, GCP, Azure and OpenStack (169.254.169.254), AWS ECS task metadata, Alibaba Cloud, AWS over IPv6.
  ["metadata", ["169.254.169.254/32", "169.254.170.2/32", "100.100.100.200/32", "fd00:ec2::254/128"]],
  // 0.0.0.0/8 is "this network"; connecting to 0.0.0.0 reaches the local host on Linux.
  ["unspecified", ["0.0.0.0/8", "::/128"]],
  ["loopback", ["127.0.0.0/8", "::1/128"]],
  // RFC 1918, deprecated IPv6 site-local, and the local-use NAT64 prefix (RFC 8215).
  ["private", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fec0::/10", "64:ff9b:1::/48"]],
  ["cgnat", ["100.64.0.0/10"]],
  ["link-local", ["169.254.0.0/16", "fe80::/10"]],
  ["unique-local", ["fc00::/7"]],
  ["multicast", ["224.0.0.0/4", "ff00::/8"]],
  [
    "reserved",
    [
      "192.0.0.0/24", // IETF protocol assignments
      "192.0.2.0/24", // TEST-NET-1
      "192.88.99.0/24", // deprecated 6to4 relay anycast
      "198.18.0.0/15", // benchmarking
      "198.51.100.0/24", // TEST-NET-2
      "203.0.113.0/24", // TEST-NET-3
      "240.0.0.0/4", // reserved, including the 255.255.255.255 broadcast
      "100::/64", // discard-only
      "2001::/32", // Teredo: the client's IPv4 address is hidden inside, obfuscated
      "2001:db8::/32", // documentation
      "3fff::/20", // documentation
    ],
  ],
];

/**
 * IPv6 prefixes that carry an IPv4 address, which is what the packet finally reaches; each is
 * classified as that IPv4 address, so `::ffff:127.0.0.1` is loopback. The number is how far the
 * IPv4 address sits from the right end of the 128 bits.
 */
const IPV4_CARRIERS: ReadonlyArray<[string, bigint]> = [
  ["::ffff:0:0/96", 0n], // IPv4-mapped
  ["::ffff:0:0:0/96", 0n], // IPv4-translated (RFC 2765)
  ["64:ff9b::/96", 0n], // NAT64 well-known prefix (RFC 6052)
  ["::/96", 0n], // IPv4-compatible (deprecated); :: and ::1 are classified before carriers are tried
  ["2002::/16", 80n], // 6to4 (RFC 3056)
];

/** Cloud metadata names, refused whatever DNS answers (as `localhost` and `*.localhost` are, per RFC 6761). */
const METADATA_NAMES = new Set(["metadata.google.internal"]);

type Range = { family: 4 | 6; base: bigint; bits: bigint };

function parseRange(cidr: string): Range {
  const [text = "", bits = ""] = cidr.split("/");
  const address = parseAddress(text);
  if (!address) throw new Error(`Bad range ${cidr}`);
  return { family: address.family, base: address.value, bits: BigInt(bits) };
}

const RANGES = CLASS_RANGES.flatMap(([addressClass, cidrs]) => cidrs.map((cidr) => ({ addressClass, ...parseRange(cidr) })));
const CARRIERS = IPV4_CARRIERS.map(([cidr, shift]) => ({ ...parseRange(cidr), shift }));
// Every public IPv6 address IANA has handed out lies in 2000::/3; the rest of the space not named above is reserved.
const GLOBAL_UNICAST_V6 = parseRange("2000::/3");

function contains(range: Range, { family, value }: Address): boolean {
  if (range.family !== family) return false;
  const shift = WIDTH[family] - range.bits;
  return value >> shift === range.base >> shift;
}

/**
 * The canonical text of an IP literal, or null when `text` is not one. Brackets and an IPv6 zone
 * (`fe80::1%eth0`, as DNS may answer) are dropped. Spellings the WHATWG URL parser accepts are
 * normalised the way the proxy will dial them: `0x7f.1`, `2130706433` and `0177.0.0.1` are all
 * 127.0.0.1, and `::ffff:127.0.0.1` becomes `::ffff:7f00:1`.
 */
export function canonicalAddress(text: string): string | null {
  const bare = text
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "");
  // Only address characters reach the URL parser, so no userinfo, port or path can steer it.
  if (!/^[0-9a-fx.:]+$/i.test(bare)) return null;
  const host = bare.includes(":") ? `[${bare}]` : bare;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}/`).hostname.replace(/^\[(.*)\]$/, "$1");
  } catch {
    return null;
  }
  return isIP(hostname) ? hostname : null;
}

function parseAddress(text: string): Address | null {
  const canonical = canonicalAddress(text);
  if (canonical === null) return null;
  if (isIP(canonical) === 4) return { family: 4, value: canonical.split(".").reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n) };
  // The URL parser's output has hex groups only and at most one "::".
  const [head = "", tail] = canonical.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return { family: 6, value: groups.reduce((sum, group) => (sum << 16n) | BigInt(`0x${group}`), 0n) };
}

function classifyParsed(address: Address): AddressClass {
  if (address.family === 6 && address.value > 1n) {
    const carrier = CARRIERS.find((range) => contains(range, address));
    if (carrier) return classifyParsed({ family: 4, value: (address.value >> carrier.shift) & 0xffffffffn });
  }
  const addressClass = RANGES.find((range) => contains(range, address))?.addressClass;
  if (addressClass) return addressClass;
  return address.family === 6 && !contains(GLOBAL_UNICAST_V6, address) ? "reserved" : "public";
}

/** Classifies an IP literal in any spelling `canonicalAddress` accepts; anything else is "invalid". */
export function classifyAddress(text: string): AddressClass {
  const address = parseAddress(text);
  return address ? classifyParsed(address) : "invalid";
}

/**
 * Classifies a hostname without resolving it: IP literals by their address, `localhost` and
 * `*.localhost` as loopback, cloud metadata names as metadata. Null for any other name, whose
 * class is that of the addresses it resolves to.
 */
export function classifyHostname(hostname: string): AddressClass | null {
  if (canonicalAddress(hostname) !== null) return classifyAddress(hostname);
  const name = hostname.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return "loopback";
  if (METADATA_NAMES.has(name)) return "metadata";
  return null;
}

/**
 * The first address that is not public, with its class. Every address a name resolves to must be
 * public: the system resolver may try any of them, so one private answer reaches the internal network.
 */
export function findNonPublicAddress(addresses: readonly string[]): { address: string; addressClass: AddressClass } | null {
  for (const address of addresses) {
    const addressClass = classifyAddress(address);
    if (addressClass !== "public") return { address, addressClass };
  }
  return null;
}
