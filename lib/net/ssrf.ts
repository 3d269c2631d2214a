/**
 * Upstream address rules (SPEC §7). The proxy makes requests on behalf of its tenants, so an
 * upstream URL pointing at loopback, a private network or a cloud metadata address would let any
 * admin of any organisation reach the operator's internal network through us. Those ranges are
 * refused unless the operator sets TOOLGATE_ALLOW_PRIVATE_UPSTREAMS=true (self-hosting next to
 * private MCP servers). Registration checks the resolved addresses; DNS can change afterwards, so
 * the proxy should check again at connect time with the same `isPrivateAddress`.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

const PRIVATE_V4: Array<[number, number]> = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local, including 169.254.169.254 metadata
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0000200, 24], // TEST-NET-1
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xc6336400, 24], // TEST-NET-2
  [0xcb007100, 24], // TEST-NET-3
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved and broadcast
];

function parseV4(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

function isPrivateV4(value: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => value >>> (32 - bits) === base >>> (32 - bits));
}

/** Expands an IPv6 text into 8 groups; handles `::` and an embedded dotted IPv4 tail. */
function parseV6(ip: string): number[] | null {
  let text =
    ip
      .toLowerCase()
      .replace(/^\[|\]$/g, "")
      .split("%")[0] ?? "";
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const v4 = parseV4(tail[1]);
    if (v4 === null) return null;
    text = `${text.slice(0, -tail[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest].map((group) =>
    /^[0-9a-f]{1,4}$/.test(group) ? parseInt(group, 16) : NaN,
  );
  return groups.some(Number.isNaN) ? null : groups;
}

/** True for loopback, private, link-local, CGNAT, multicast, reserved and unparseable addresses. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = parseV4(ip);
  if (v4 !== null) return isPrivateV4(v4);
  const g = parseV6(ip);
  if (!g) return true; // Not an address we understand: refuse rather than guess.
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
  const embeddedV4 = ((h << 16) | i) >>> 0;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && (f === 0 || f === 0xffff)) {
    // ::, ::1, IPv4-compatible and IPv4-mapped addresses.
    if (f === 0 && h === 0 && i <= 1) return true;
    return isPrivateV4(embeddedV4);
  }
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return isPrivateV4(embeddedV4); // NAT64
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x2001 && b === 0xdb8) return true; // documentation
  return false;
}

export type HostLookup = (hostname: string) => Promise<string[]>;

const systemLookup: HostLookup = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

function refuse(message: string): AppError {
  return new AppError("validation_failed", message, { fieldErrors: { url: [message] } });
}

/**
 * Throws a `validation_failed` AppError with a field error on `url` when the URL's host is, or
 * resolves to, a private address. Every resolved address must be public: one private answer is
 * enough to reach the internal network.
 */
export async function assertPublicUpstream(
  url: string,
  { isPrivateAllowed = getEnv().TOOLGATE_ALLOW_PRIVATE_UPSTREAMS, resolveHost = systemLookup }: { isPrivateAllowed?: boolean; resolveHost?: HostLookup } = {},
): Promise<void> {
  if (isPrivateAllowed) return;
  let hostname: string;
  try {
    hostname = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    throw refuse("Enter an http:// or https:// URL of the MCP endpoint.");
  }
  const hint = "Private and loopback addresses are refused (set TOOLGATE_ALLOW_PRIVATE_UPSTREAMS=true to allow them).";
  if (hostname === "localhost" || hostname.endsWith(".localhost")) throw refuse(`${hostname} is a loopback name. ${hint}`);
  const addresses = isIP(hostname) ? [hostname] : await resolveHost(hostname).catch(() => [] as string[]);
  if (addresses.length === 0) throw refuse(`Could not resolve ${hostname}.`);
  const privateAddress = addresses.find(isPrivateAddress);
  if (privateAddress) throw refuse(`${hostname} resolves to ${privateAddress}, a private address. ${hint}`);
}
