/**
 * Upstream credentials at rest: AES-256-GCM in a versioned envelope
 * `v1:<keyId>:<iv>:<ciphertext>:<tag>` (base64url parts). The key id lets keys rotate without
 * downtime: the first configured key encrypts, every configured key decrypts. The additional
 * authenticated data binds the ciphertext to its owner (`orgId:serverId`), so a blob copied into
 * another organisation's row fails to decrypt instead of leaking.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getSecrets } from "@/lib/env";

export type SecretOwner = { orgId: string; serverId: string };

export function encryptSecret(plain: string, owner: SecretOwner): string {
  const [current] = getSecrets().encryptionKeys;
  if (!current) throw new Error("No encryption key configured.");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(`${owner.orgId}:${owner.serverId}`));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", current.id, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(":");
}

export function decryptSecret(blob: string, owner: SecretOwner): string {
  const [version, keyId, iv, ciphertext, tag] = blob.split(":");
  if (version !== "v1" || !keyId || !iv || ciphertext === undefined || !tag) throw new Error("Unrecognised secret envelope.");
  const key = getSecrets().encryptionKeys.find((candidate) => candidate.id === keyId);
  if (!key) throw new Error(`Encryption key "${keyId}" is not configured.`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`${owner.orgId}:${owner.serverId}`));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
