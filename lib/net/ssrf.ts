/**
 * Upstream address rules at registration (SPEC §7). The proxy makes requests on behalf of its
 * tenants, so an upstream URL pointing at loopback, a private network or a cloud metadata address
 * would let any admin of any organisation reach the operator's internal network through us. Those
 * hosts are refused unless the operator sets TOOLGATE_ALLOW_PRIVATE_UPSTREAMS=true (self-hosting
 * next to private MCP servers). DNS can change after registration, so the proxy checks again at
 * connect time (proxy/ssrf-guard.ts); both use the classifier in ./address-class.
 */
import { lookup } from "node:dns/promises";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { canonicalAddress, classifyHostname, findNonPublicAddress } from "./address-class";

export type HostLookup = (hostname: string) => Promise<string[]>;

const systemLookup: HostLookup = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

function refuse(message: string): AppError {
  return new AppError("validation_failed", message, { fieldErrors: { url: [message] } });
}

/**
 * Throws a `validation_failed` AppError with a field error on `url` when the URL's host is, or
 * resolves to, an address that is not public. Names such as `localhost` are refused without
 * asking DNS, because RFC 6761 reserves them for the local host whatever a resolver says.
 */
export async function assertPublicUpstream(
  url: string,
  { isPrivateAllowed = getEnv().TOOLGATE_ALLOW_PRIVATE_UPSTREAMS, resolveHost = systemLookup }: { isPrivateAllowed?: boolean; resolveHost?: HostLookup } = {},
): Promise<void> {
  if (isPrivateAllowed) return;
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    throw refuse("Enter an http:// or https:// URL of the MCP endpoint.");
  }
  const hint = "Private and loopback addresses are refused (set TOOLGATE_ALLOW_PRIVATE_UPSTREAMS=true to allow them).";
  const literal = canonicalAddress(hostname);
  const nameClass = literal === null ? classifyHostname(hostname) : null;
  if (nameClass) throw refuse(`${hostname} is a ${nameClass} name. ${hint}`);
  const addresses = literal !== null ? [literal] : await resolveHost(hostname).catch(() => [] as string[]);
  if (addresses.length === 0) throw refuse(`Could not resolve ${hostname}.`);
  const blocked = findNonPublicAddress(addresses);
  if (blocked) throw refuse(`${hostname} resolves to ${blocked.address} (${blocked.addressClass}). ${hint}`);
}
