import "server-only";
import { getDb } from "./client";

export async function checkDatabase(): Promise<boolean> {
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
