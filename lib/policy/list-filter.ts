/**
 * Hidden tools (SPEC §2 `hide`) must be invisible: removed from every tools/list page and answered
 * as unknown when called. Filtering copies only the `tools` array; every other field of the result
 * (nextCursor, _meta, …) and every kept tool object are passed through untouched, so the proxy
 * never alters what it does not have to.
 */
import type { Policy } from "./types";

export function isToolHidden(policy: Policy | null, toolName: string): boolean {
  if (!policy) return false;
  return policy.hidesAll || policy.hidden.has(toolName);
}

/** With no policy nothing is hidden here; the call path denies every call with `no_policy`. */
export function filterToolsList<T extends { tools: Array<{ name: string }> }>(result: T, policy: Policy | null): T {
  if (!policy || (!policy.hidesAll && policy.hidden.size === 0)) return result;
  const tools = policy.hidesAll ? [] : result.tools.filter((tool) => !policy.hidden.has(tool.name));
  if (tools.length === result.tools.length) return result;
  return { ...result, tools };
}
