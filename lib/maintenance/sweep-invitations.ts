import "server-only";
/**
 * Invitation links stop working at `expiresAt` whether they were accepted, revoked or never used;
 * after that only the admin events say anything about them. They are deleted thirty days later.
 * Someone who then opens the old link is told it is not valid instead of expired: refused either way.
 */
import { deleteInBatches, type SweepContext, type SweepResult } from "./sweep";

const KEEP_AFTER_EXPIRY_MS = 30 * 24 * 60 * 60 * 1000;

export function sweepLapsedInvitations(context: SweepContext): Promise<SweepResult> {
  const before = new Date(context.now.getTime() - KEEP_AFTER_EXPIRY_MS);
  return deleteInBatches((limit) => context.store.deleteInvitationsExpiredBefore({ before, limit }), context);
}
