import { z } from "zod";

const idSchema = (what: string) =>
  z
    .string({ error: `Missing ${what}.` })
    .trim()
    .min(1, { error: `Missing ${what}.` })
    .max(256);

export const serverIdSchema = z.object({ serverId: idSchema("server") });

export const acceptToolDriftSchema = z.object({ serverId: idSchema("server"), toolName: idSchema("tool") });

/** Merges the tool's recommended rule into a policy, as a new version. */
export const applyToolRuleSchema = z.object({
  serverId: idSchema("server"),
  toolName: idSchema("tool"),
  policyId: z.string({ error: "Choose a policy." }).trim().min(1, { error: "Choose a policy." }).max(64),
});
