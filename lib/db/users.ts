import "server-only";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { getDb } from "./client";

export type UserDto = { id: string; email: string; name: string | null };

export async function createUserWithPassword({ email, name, passwordHash }: { email: string; name: string | null; passwordHash: string }): Promise<UserDto> {
  const db = await getDb();
  try {
    return await db.user.create({ data: { email, name, passwordHash }, select: { id: true, email: true, name: true } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("validation_failed", "An account with this email already exists.", {
        fieldErrors: { email: ["An account with this email already exists. Sign in instead."] },
      });
    }
    throw error;
  }
}

/** The only reader of `passwordHash`. */
export async function findUserCredentials({ email }: { email: string }): Promise<(UserDto & { passwordHash: string | null }) | null> {
  const db = await getDb();
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
}

export async function getUser({ userId }: { userId: string }): Promise<UserDto | null> {
  const db = await getDb();
  return db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
}
