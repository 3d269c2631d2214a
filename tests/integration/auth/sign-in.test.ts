import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/sign-in";
import { getBackend } from "@/lib/db/client";
import { createTestUser, TEST_PASSWORD } from "../../helpers/harness";

describe("password sign-in", () => {
  it("accepts the right password and refuses a wrong one or an unknown email alike", async () => {
    const user = await createTestUser("signin");
    await expect(authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" })).resolves.toMatchObject({
      ok: true,
      user: { id: user.id },
    });
    await expect(authenticateWithPassword({ email: user.email, password: "wrong password!", ip: "10.0.0.1" })).resolves.toEqual({
      ok: false,
      reason: "invalid",
    });
    await expect(authenticateWithPassword({ email: "nobody@example.test", password: TEST_PASSWORD, ip: "10.0.0.1" })).resolves.toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("throttles repeated attempts per email, even with the right password afterwards", async () => {
    const user = await createTestUser("throttle");
    const outcomes = [];
    for (let attempt = 0; attempt < 10; attempt++)
      outcomes.push(await authenticateWithPassword({ email: user.email, password: `guess ${attempt}`, ip: `10.1.0.${attempt}` }));
    expect(outcomes.every((outcome) => !outcome.ok && outcome.reason === "invalid")).toBe(true);
    await expect(authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" })).resolves.toEqual({
      ok: false,
      reason: "rate_limited",
    });
    const other = await createTestUser("unaffected");
    await expect(authenticateWithPassword({ email: other.email, password: TEST_PASSWORD, ip: "10.1.1.1" })).resolves.toMatchObject({ ok: true });
  });

  it("fails closed when the database connection is gone", async () => {
    const user = await createTestUser("closed");
    // Close the live connection but leave it in place, as a crashed database would: the throttle
    // cannot count the attempt, so sign-in must fail rather than skip the limit.
    await (await getBackend()).close();
    await expect(authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, ip: "10.2.0.1" })).rejects.toThrow();
  });
});
