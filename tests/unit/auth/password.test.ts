import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "@/lib/auth/password";
import { hasRole } from "@/lib/auth/roles";

describe("passwords", () => {
  it("hashes with scrypt and a random salt, and verifies only the right password", async () => {
    const first = await hashPassword("a long enough passphrase");
    const second = await hashPassword("a long enough passphrase");
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("passphrase");
    expect(await verifyPassword("a long enough passphrase", first)).toBe(true);
    expect(await verifyPassword("a long enough passphrasE", first)).toBe(false);
    expect(await verifyPassword("anything", "plain-text-in-db")).toBe(false);
  });

  it.each([
    ["short1", "Use at least 10 characters."],
    ["aaaaaaaaaaaa", "Use more than three distinct characters."],
    ["password123", "This password is too common."],
    ["alice-secret-2026", "Do not include your email address."],
  ])("rejects %s", (password, message) => {
    expect(checkPasswordPolicy(password, { email: "alice-secret@example.test".replace("-secret", "") })).toContain(message);
  });

  it("accepts a long passphrase", () => {
    expect(checkPasswordPolicy("correct horse battery staple", { email: "alice@example.test" })).toEqual([]);
  });
});

describe("role ladder", () => {
  it.each([
    ["viewer", "viewer", true],
    ["viewer", "policy_manager", false],
    ["policy_manager", "viewer", true],
    ["policy_manager", "admin", false],
    ["admin", "policy_manager", true],
    ["admin", "admin", true],
  ] as const)("%s meets %s: %s", (actual, required, expected) => {
    expect(hasRole(actual, required)).toBe(expected);
  });
});
