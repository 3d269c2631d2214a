/**
 * Keeps the proxy from being used to reach internal networks (SPEC §7): an upstream whose host
 * resolves to a loopback, private, link-local, unique-local, CGNAT, unspecified or cloud metadata
 * address is refused unless TOOLGATE_ALLOW_PRIVATE_UPSTREAMS=true. The check runs inside the socket's
 * DNS lookup (createGuardedLookup), so the address that is checked is the address that is dialled:
 * a host that resolves to a public address for a check and a private one for the connection (DNS
 * rebinding) cannot slip through.
 */
import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";

export type AddressClass = "public" | "loopback" | "private" | "link-local" | "metadata" | "unique-local" | "unspecified" | "cgnat" | "multicast";

const METADATA_V4 = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200"]);

export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 4) return classifyV4(address);
  if (family === 6) return classifyV6(address.toLowerCase());
  return "unspecified";
}

function classifyV4(address: string): AddressClass {
  const [a = 0, b = 0] = address.split(".").map(Number);
  if (METADATA_V4.has(address)) return "metadata";
  if (a === 0) return "unspecified";
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 169 && b === 254) return "link-local";
  if (a === 100 && b >= 64 && b <= 127) return "cgnat";
  if (a >= 224) return "multicast";
  return "public";
}

function classifyV6(address: string): AddressClass {
  if (address === "::") return "unspecified";
  if (address === "::1") return "loopback";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) return classifyV4(mapped[1]);
  if (address === "fd00:ec2::254") return "metadata";
  if (/^f[cd][0-9a-f]{0,2}:/.test(address)) return "unique-local";
  if (/^fe[89ab][0-9a-f]?:/.test(address)) return "link-local";
  if (address.startsWith("ff")) return "multicast";
  return "public";
}

export class BlockedUpstreamError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: AddressClass,
  ) {
    super(`The upstream host ${host} resolves to ${address} (${addressClass}); private upstreams are not allowed on this deployment.`);
    this.name = "BlockedUpstreamError";
  }
}

/** A `lookup` for http.request that refuses blocked addresses at connection time. */
export function createGuardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      if (!allowPrivate) {
        for (const entry of list) {
          const addressClass = classifyAddress(entry.address);
          if (addressClass !== "public") return callback(new BlockedUpstreamError(hostname, entry.address, addressClass), "", 0);
        }
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`No address for ${hostname}.`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

/** Literal IP hosts never go through `lookup`, so they are checked before dialling. */
export function checkLiteralHost(hostname: string, allowPrivate: boolean): BlockedUpstreamError | null {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (allowPrivate || !isIP(bare)) return null;
  const addressClass = classifyAddress(bare);
  return addressClass === "public" ? null : new BlockedUpstreamError(hostname, bare, addressClass);
}
