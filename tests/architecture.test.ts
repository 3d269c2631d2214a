/**
 * Conventions enforced by a test, not by memory (STYLE rule 23).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((entry) => {
    const relative = path.join(dir, entry);
    if (entry === "node_modules" || entry === "generated" || entry.startsWith(".")) return [];
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx|mts|mjs)$/.test(entry) ? [relative] : [];
  });
}

const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("architecture", () => {
  it("keeps Prisma out of app/ and components/: every database access goes through lib/db", () => {
    const offenders = [...sourceFiles("app"), ...sourceFiles("components")].filter((file) =>
      /from\s+["'](@prisma\/|@\/lib\/db\/generated|.*\/generated\/client)/.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });

  it("reads process.env only in lib/env.ts (and the edge/node switch Next requires in instrumentation.ts)", () => {
    const allowed = new Set(["lib/env.ts", "instrumentation.ts"]);
    const files = [...sourceFiles("app"), ...sourceFiles("components"), ...sourceFiles("lib"), ...sourceFiles("proxy"), "instrumentation.ts"];
    const offenders = files.filter((file) => !allowed.has(file) && /process\.env/.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("has no Next proxy.ts at the root and no proxy/index.ts (Next 16 would take them for its request proxy)", () => {
    for (const file of ["proxy.ts", "proxy.js", "proxy/index.ts", "proxy/index.js", "middleware.ts"])
      expect(existsSync(path.join(root, file)), file).toBe(false);
  });

  it("builds every export of a 'use server' file with defineAction or defineUserAction", () => {
    // Sign-in, sign-up and sign-out run before any organisation exists; they validate and
    // throttle by hand (app/(auth)/actions.ts explains why).
    const exempt = new Set([path.join("app", "(auth)", "actions.ts")]);
    const offenders: string[] = [];
    for (const file of sourceFiles("app")) {
      const text = read(file);
      if (!/^["']use server["'];?/m.test(text) || exempt.has(file)) continue;
      for (const match of text.matchAll(/^export\s+(?:const|async function|function)\s+(\w+)\s*=?\s*(.*)$/gm)) {
        if (!/^define(User)?Action\(/.test(match[2] ?? "")) offenders.push(`${file}: ${match[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("puts 'server-only' at the top of every data module", () => {
    const offenders = sourceFiles("lib/db")
      .filter((file) => !file.endsWith("migrate.ts"))
      .filter((file) => !/^import "server-only";/m.test(read(file)));
    expect(offenders).toEqual([]);
  });
});
