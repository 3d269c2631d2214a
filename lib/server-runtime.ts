import "server-only";
import { getBackend } from "@/lib/db/client";

/** Work done once per server process at boot: database and migrations first. */
export async function startServerRuntime(): Promise<void> {
  const backend = await getBackend();
  console.log(`Toolgate: database ready (${backend.kind}).`);
}
