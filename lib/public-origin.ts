import "server-only";
/**
 * The origin agents use to reach this deployment, for proxy URLs shown in the dashboard.
 * TOOLGATE_PUBLIC_URL wins because behind some proxies the Host header is internal; without it the
 * request's own host and forwarded protocol are the best guess. A forged header only changes what
 * the forger's own page displays, so trusting it here is harmless.
 */
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

export async function getPublicOrigin(): Promise<string> {
  const configured = getEnv().TOOLGATE_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const list = await headers();
  const host = list.get("x-forwarded-host")?.split(",")[0]?.trim() || list.get("host") || "localhost:3000";
  const proto = list.get("x-forwarded-proto")?.split(",")[0]?.trim() || (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
