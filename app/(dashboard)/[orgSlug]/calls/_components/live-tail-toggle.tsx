"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const REFRESH_MS = 5000;

/** Re-renders the server page every few seconds while switched on; the page itself stays a server component. */
export function LiveTailToggle() {
  const router = useRouter();
  const [isOn, setIsOn] = useState(false);
  useEffect(() => {
    if (!isOn) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [isOn, router]);
  return (
    <label className="inline-flex items-center gap-2 text-sm text-zinc-700">
      <input type="checkbox" checked={isOn} onChange={(event) => setIsOn(event.target.checked)} data-testid="live-tail" />
      Live tail (every 5 s)
    </label>
  );
}
