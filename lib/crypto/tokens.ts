/**
 * High-entropy bearer secrets (grant tokens, API keys, invitation links). They are stored only as
 * an HMAC-SHA-256 under a server key plus a short visible prefix: a leaked database does not leak
 * usable tokens, and lookup stays one indexed equality. No bcrypt: with 32 random bytes there is
 * nothing to brute-force, and the proxy hashes on every request.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getSecrets } from "@/lib/env";

export type TokenKind = "tg" | "tgk" | "tgi";

/** `tg_` grant tokens, `tgk_` organisation API keys, `tgi_` invitation links. */
export function generateToken(kind: TokenKind): string {
  return `${kind}_${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHmac("sha256", getSecrets().tokenHashKey).update(token).digest("hex");
}

/** What the dashboard shows to recognise a token: the kind and a few random characters. */
export function tokenPrefix(token: string): string {
  const underscore = token.indexOf("_");
  return token.slice(0, underscore + 1 + 6);
}

export function looksLikeToken(token: string, kind: TokenKind): boolean {
  return new RegExp(`^${kind}_[A-Za-z0-9_-]{43}$`).test(token);
}

export function safeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
