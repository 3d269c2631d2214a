/** Why a call-log chain check failed, in words for people; no Node imports, so client components can show them. */
export type ChainBreakReason = "row_changed" | "link_broken" | "out_of_order" | "malformed_hash";

export const CHAIN_BREAK_DESCRIPTIONS: Record<ChainBreakReason, string> = {
  row_changed: "The row's columns no longer match its hash: a column was changed after sealing.",
  link_broken:
    "The row does not chain to the sealed row before it: a row was deleted, inserted or reordered before this one, or the previous row was rewritten with a new hash.",
  out_of_order: "Rows were not given in chain order (time, then id).",
  malformed_hash: "The row's hash or previous hash is not a SHA-256 hex value.",
};
