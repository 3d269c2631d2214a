/**
 * Keeps the proxy from being used to reach internal networks (SPEC §7): an upstream whose host
 * resolves to an address that lib/net/address-class does not call public (loopback, private,
 * link-local, unique-local, CGNAT, metadata, unspecified, multicast, reserved) is refused unless
 * TOOLGATE_ALLOW_PRIVATE_UPSTREAMS=true. The check runs inside the socket's DNS lookup
 * (createGuardedLookup), so the address that is checked is the address that is dialled: a host
 * that resolves to a public address at registration and a private one for the connection (DNS
 * rebinding) cannot slip through. This file only adapts that classifier to node:http.
 */
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { type AddressClass, canonicalAddress, classifyAddress, classifyHostname, findNonPublicAddress } from "@/lib/net/address-class";

export class BlockedUpstreamError extends Error {
  /** `address` is the host name itself when the name is refused (`*.localhost`, metadata names). */
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: AddressClass,
  ) {
    const reason = canonicalAddress(address) === null ? `is a ${addressClass} name` : `resolves to ${address} (${addressClass})`;
    super(`The upstream host ${host} ${reason}; private upstreams are not allowed on this deployment.`);
    this.name = "BlockedUpstreamError";
  }
}

/**
 * A `lookup` for http.request that refuses blocked addresses at connection time. Addresses are
 * checked before the name, so a refusal names the address that would have been dialled.
 */
export function createGuardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      if (!allowPrivate) {
        const blocked = findNonPublicAddress(list.map((entry) => entry.address));
        if (blocked) return callback(new BlockedUpstreamError(hostname, blocked.address, blocked.addressClass), "", 0);
        const nameClass = classifyHostname(hostname);
        if (nameClass !== null && nameClass !== "public") return callback(new BlockedUpstreamError(hostname, hostname, nameClass), "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`No address for ${hostname}.`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Literal IP hosts never go through `lookup`, so they are checked before dialling. Any spelling
 * the URL parser turns into an address (`0x7f000001`, `[::ffff:7f00:1]`) counts as a literal.
 */
export function checkLiteralHost(hostname: string, allowPrivate: boolean): BlockedUpstreamError | null {
  const address = canonicalAddress(hostname);
  if (allowPrivate || address === null) return null;
  const addressClass = classifyAddress(address);
  return addressClass === "public" ? null : new BlockedUpstreamError(hostname, address, addressClass);
}
