/**
 * `Idempotency-Key` for /api/v1 writes. The same key with the same method, path and body replays
 * the stored response (marked `Idempotent-Replayed: true`); the same key with another request is
 * refused with 422; a key whose first request is still running answers 409. Only successful
 * responses are stored, so a failed request can be retried with its key. Stored bodies are sealed
 * with the organisation's encryption key and bound to (orgId, key): a mint or rotate response holds
 * a token, and the database must not keep tokens in clear.
 */
import { createHash } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "@/lib/db/idempotency-keys";
import { AppError } from "@/lib/errors";

export type ApiResult = { status: number; body: unknown; headers?: Record<string, string> };

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

function sealOwner(orgId: string, key: string) {
  return { orgId, serverId: `idempotency:${key}` };
}

export async function runIdempotent({
  orgId,
  request,
  bodyText,
  run,
}: {
  orgId: string;
  request: Request;
  bodyText: string;
  run: () => Promise<ApiResult>;
}): Promise<ApiResult> {
  const key = request.headers.get("idempotency-key");
  if (key === null || request.method === "GET") return run();
  if (!KEY_PATTERN.test(key)) throw new AppError("bad_request", "Idempotency-Key must be 1 to 200 visible ASCII characters.");
  const requestHash = createHash("sha256")
    .update(`${request.method} ${new URL(request.url).pathname}\n${bodyText}`)
    .digest("hex");
  const claim = await claimIdempotencyKey({ orgId, key, requestHash });
  if (claim.kind === "mismatch") {
    throw new AppError("validation_failed", "This Idempotency-Key was already used for a different request. Use a new key for a new request.", {
      fieldErrors: { "Idempotency-Key": ["Already used for a different request."] },
    });
  }
  if (claim.kind === "in_progress") throw new AppError("conflict", "A request with this Idempotency-Key is still in progress. Retry in a moment.");
  if (claim.kind === "replay") {
    const sealed = (claim.body as { sealed?: string } | null)?.sealed;
    const body = sealed ? JSON.parse(decryptSecret(sealed, sealOwner(orgId, key))) : null;
    return { status: claim.status, body, headers: { "Idempotent-Replayed": "true" } };
  }
  let result: ApiResult;
  try {
    result = await run();
  } catch (error) {
    await releaseIdempotencyKey({ orgId, key });
    throw error;
  }
  if (result.status >= 200 && result.status < 300) {
    await completeIdempotencyKey({
      orgId,
      key,
      status: result.status,
      body: { sealed: encryptSecret(JSON.stringify(result.body ?? null), sealOwner(orgId, key)) },
    });
  } else {
    await releaseIdempotencyKey({ orgId, key });
  }
  return result;
}
