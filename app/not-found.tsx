import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-zinc-600">This page does not exist, or you do not have access to it.</p>
      <Link className={buttonClassName("secondary", "md")} href="/orgs">
        Back to your organisations
      </Link>
    </main>
  );
}
