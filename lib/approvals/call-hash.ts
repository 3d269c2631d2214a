/**
 * The identity of a call for approvals (SPEC §4): an identical retry (same grant, tool and
 * arguments, whatever the key order) must find the approval its first attempt created, and any
 * other call must not. The three parts are hashed as one JSON array, so no choice of tool name or
 * argument text can make two different calls collide by concatenation.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/policy/canonical-json";

export function computeCallHash({ grantId, tool, args }: { grantId: string; tool: string; args: Record<string, unknown> | undefined }): string {
  const canonical = canonicalJson(args ?? {});
  return createHash("sha256")
    .update(JSON.stringify([grantId, tool, canonical]))
    .digest("hex");
}

/** `apr_` + 16 random bytes (base64url): unguessable, so an id alone reveals nothing. */
export function isApprovalId(value: string): boolean {
  return /^apr_[A-Za-z0-9_-]{10,64}$/.test(value);
}
