"use server";

import { defineAction } from "@/lib/actions/define-action";
import { verifyCallChain } from "@/lib/db/call-chain";
import { verifyCallChainInputSchema } from "@/lib/validation/api/calls-verify";

/** SPEC §5 "a verify action": reading the chain changes nothing, so any member may run it. */
export const verifyCallChainAction = defineAction({ schema: verifyCallChainInputSchema, role: "viewer" }, ({ org }) => verifyCallChain({ orgId: org.id }));
