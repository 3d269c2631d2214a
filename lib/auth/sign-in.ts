import "server-only";
/**
 * Password sign-in with throttling: attempts are counted per email and per client address in
 * fixed 15-minute windows before the password is checked, so a guesser is slowed whether or not
 * the account exists. Unknown emails still cost one scrypt, so timing does not reveal accounts.
 */
import { findUserCredentials, type UserDto } from "@/lib/db/users";
import { consumeLimits, signInLimiter } from "@/lib/rate-limit";
import { emailSchema } from "@/lib/validation/auth";
import { getDummyPasswordHash, verifyPassword } from "./password";

export type PasswordSignIn = { ok: true; user: UserDto } | { ok: false; reason: "invalid" | "rate_limited" };

export async function authenticateWithPassword({ email, password, ip }: { email: string; password: string; ip: string }): Promise<PasswordSignIn> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success || password.length === 0 || password.length > 200) return { ok: false, reason: "invalid" };
  const limit = await consumeLimits([
    { limiter: signInLimiter.perEmail, identifier: parsed.data },
    { limiter: signInLimiter.perIp, identifier: ip },
  ]);
  if (!limit.allowed) return { ok: false, reason: "rate_limited" };
  const user = await findUserCredentials({ email: parsed.data });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await getDummyPasswordHash()));
  if (!user?.passwordHash || !matches) return { ok: false, reason: "invalid" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
