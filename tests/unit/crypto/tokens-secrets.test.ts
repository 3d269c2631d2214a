import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { generateToken, hashToken, looksLikeToken, tokenPrefix } from "@/lib/crypto/tokens";
import { parseEncryptionKeys } from "@/lib/env";

describe("tokens", () => {
  it("are tg_ plus 32 random bytes, hashed with a keyed HMAC, with a short prefix for display", () => {
    const token = generateToken("tg");
    expect(looksLikeToken(token, "tg")).toBe(true);
    expect(Buffer.from(token.slice(3), "base64url")).toHaveLength(32);
    expect(generateToken("tg")).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(`${token}x`));
    expect(tokenPrefix(token)).toBe(token.slice(0, 9));
  });
});

describe("upstream secrets", () => {
  const owner = { orgId: "org_a", serverId: "srv_1" };

  it("round-trips through a versioned AES-256-GCM envelope", () => {
    const blob = encryptSecret('{"Authorization":"Bearer x"}', owner);
    expect(blob).toMatch(/^v1:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(decryptSecret(blob, owner)).toBe('{"Authorization":"Bearer x"}');
    expect(encryptSecret("same", owner)).not.toBe(encryptSecret("same", owner));
  });

  it("fails for another owner, a tampered ciphertext or an unknown key id", () => {
    const blob = encryptSecret("secret", owner);
    expect(() => decryptSecret(blob, { orgId: "org_b", serverId: "srv_1" })).toThrow();
    const parts = blob.split(":");
    const tampered = [...parts.slice(0, 3), Buffer.from("XXXXXX").toString("base64url"), parts[4]].join(":");
    expect(() => decryptSecret(tampered, owner)).toThrow();
    expect(() => decryptSecret(blob.replace("v1:k1:", "v1:k9:"), owner)).toThrow(/not configured/);
    expect(() => decryptSecret("garbage", owner)).toThrow(/envelope/);
  });

  it("parses key lists and refuses keys that are not 32 bytes", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(parseEncryptionKeys(`k2:${key}, k1:${key}`).map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(() => parseEncryptionKeys("k1:c2hvcnQ=")).toThrow(/32-byte/);
    expect(() => parseEncryptionKeys("")).toThrow();
  });
});
