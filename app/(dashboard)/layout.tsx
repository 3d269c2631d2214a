import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";

// Every page below needs a signed-in user; organisation membership is checked one level down.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return children;
}
