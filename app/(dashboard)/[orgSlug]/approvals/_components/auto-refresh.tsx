"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the server page every few seconds so new held calls appear without a reload. The page
 * stays a server component; router.refresh() keeps client state such as a half-typed note. Paused
 * while the tab is hidden, and refreshed at once when it becomes visible again.
 */
export function AutoRefresh({ intervalMs = 4000 }: { intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => router.refresh(), intervalMs);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === "visible") {
        router.refresh();
        start();
      } else stop();
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibilityChange);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibilityChange);
    };
  }, [router, intervalMs]);
  return (
    <span className="inline-flex items-center gap-2 text-xs text-zinc-500">
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-allowed-500" />
      Live
    </span>
  );
}
