import { existsSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import { type EvaluateInput, evaluateToolCall } from "@/lib/policy/evaluate";
import type { Policy } from "@/lib/policy/types";
import { validatePolicy } from "@/lib/policy/validate";

export const CONTEXT = { orgId: "org_1", serverId: "srv_1", grantId: "grt_1", sessionId: "sess_1" };
export const NOW = new Date("2026-03-04T10:20:30.500Z");

/** Validates a document the test expects to be valid, failing with the errors otherwise. */
export function compile(document: unknown): Policy {
  const result = validatePolicy(document);
  if (!result.ok) expect.fail(`expected a valid policy, got ${JSON.stringify(result.errors)}`);
  return result.policy;
}

export function decide(policy: Policy | null, toolName: string, args?: Record<string, unknown>, extra: Partial<EvaluateInput> = {}) {
  return evaluateToolCall({ policy, toolName, arguments: args, context: CONTEXT, now: NOW, ...extra });
}

const SEED_PAGE = new URL("../../../../shared/seed/000_e4ed00af4b84646c.txt", import.meta.url);

/** The seed's policy.json, committed as tests/fixtures/seed-policy.json so tests run without shared/. */
export function readSeedPolicy(): unknown {
  return JSON.parse(readFileSync(new URL("../../fixtures/seed-policy.json", import.meta.url), "utf8"));
}

/** The policy.json embedded in the shared seed page, when shared/ sits beside the checkout (CI). */
export function readSeedPolicyFromSeedPage(): unknown | null {
  if (!existsSync(SEED_PAGE)) return null;
  const text = readFileSync(SEED_PAGE, "utf8");
  const start = text.indexOf("{", text.indexOf("policy.json"));
  const end = text.indexOf("See the full");
  return JSON.parse(text.slice(start, end).trim());
}

export function errorsOf(document: unknown) {
  const result = validatePolicy(document);
  if (result.ok) expect.fail("expected validation errors");
  return result.errors;
}
