import { describe, expect, it } from "vitest";
import { maskSecrets } from "@/lib/audit";

describe("maskSecrets", () => {
  it("masks secret-named keys at any depth and keeps everything else", () => {
    const masked = maskSecrets({ name: "crm", credentials: { apiKey: "sk-live", header: "x-api-key" }, list: [{ token: "t" }] });
    expect(masked).toEqual({ name: "crm", credentials: "••••", list: [{ token: "••••" }] });
  });

  it("keeps dates as ISO text instead of rebuilding them as empty objects", () => {
    const at = new Date("2026-12-01T10:00:00.000Z");
    expect(maskSecrets({ expiresAt: at, nested: [at] })).toEqual({ expiresAt: "2026-12-01T10:00:00.000Z", nested: ["2026-12-01T10:00:00.000Z"] });
  });
});
