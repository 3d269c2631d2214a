/**
 * Static check that a condition regex cannot backtrack catastrophically on V8's backtracking
 * engine. It is conservative by design: rejecting a harmless pattern costs the author a rewrite,
 * while accepting a dangerous one lets an agent stall the proxy with one crafted argument.
 * Rejected: patterns over 512 characters; backreferences and lookbehind; a repeated group that
 * contains a variable quantifier ("star height" > 1, e.g. (a+)+); a repeated alternation whose
 * branches can start with the same character or match nothing (e.g. (a|ab)*, (a|)*); and two
 * adjacent variable quantifiers that can match the same characters (e.g. \d+\d+, .*.*).
 * - more than two unbounded quantifiers over "any character" (.*, [^x]+, \S*): each one can multiply
 *   the backtracking by the subject length, so ".*a.*b.*c" is cubic.
 * What remains is at worst quadratic (".*a.*b" on "aaaa…"); conditions.ts bounds that by never
 * running a regex on more than MAX_REGEX_SUBJECT_LENGTH characters.
 */
import { type CharSet, createFullCharSet, doCharSetsOverlap } from "./char-set";
import { parseRegex, type RegexAtom, UnsafeRegexError } from "./regex-parse";

export const MAX_REGEX_LENGTH = 512;
const MAX_BROAD_UNBOUNDED_QUANTIFIERS = 2;
export const ALLOWED_REGEX_FLAGS = "imsu";

export type RegexCheck = { ok: true } | { ok: false; reason: string };

export function checkRegexSafety(pattern: string, flags = ""): RegexCheck {
  if (pattern.length > MAX_REGEX_LENGTH) return { ok: false, reason: `is longer than ${MAX_REGEX_LENGTH} characters` };
  for (const flag of flags) {
    if (!ALLOWED_REGEX_FLAGS.includes(flag)) return { ok: false, reason: `flag "${flag}" is not allowed` };
  }
  if (new Set(flags).size !== flags.length) return { ok: false, reason: "repeats a flag" };
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return { ok: false, reason: `is not a valid regular expression (${(error as Error).message})` };
  }
  try {
    const branches = parseRegex(pattern, flags.includes("i"));
    checkBranches(branches);
    if (countBroadUnbounded(branches) > MAX_BROAD_UNBOUNDED_QUANTIFIERS) {
      throw new UnsafeRegexError(`more than ${MAX_BROAD_UNBOUNDED_QUANTIFIERS} unbounded quantifiers over any character (such as .*)`);
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof UnsafeRegexError) return { ok: false, reason: `is unsafe: ${error.message}` };
    throw error;
  }
}

function checkBranches(branches: RegexAtom[][]): void {
  for (const sequence of branches) checkSequence(sequence);
}

function checkSequence(sequence: RegexAtom[]): void {
  for (let i = 0; i < sequence.length; i++) {
    const atom = sequence[i] as RegexAtom;
    if (atom.kind === "group") {
      if (atom.quantifier.max > 1) checkRepeatedGroup(atom.branches);
      checkBranches(atom.branches);
    }
    const next = sequence[i + 1];
    if (next && isVariable(atom) && isVariable(next) && doCharSetsOverlap(firstSet(atom), firstSet(next))) {
      throw new UnsafeRegexError("two adjacent quantifiers can match the same text");
    }
  }
}

function checkRepeatedGroup(branches: RegexAtom[][]): void {
  for (const sequence of branches) {
    if (sequence.some(containsVariableQuantifier)) {
      throw new UnsafeRegexError("a repeated group contains a quantifier (nested quantifiers)");
    }
  }
  if (branches.length < 2) return;
  const starts: CharSet[] = [];
  for (const sequence of branches) {
    const first = sequence[0];
    if (!first || first.kind === "assertion") throw new UnsafeRegexError("a repeated alternative can match nothing");
    const set = firstSet(first);
    if (starts.some((other) => doCharSetsOverlap(other, set))) {
      throw new UnsafeRegexError("repeated alternatives can start with the same character");
    }
    starts.push(set);
  }
}

function countBroadUnbounded(branches: RegexAtom[][]): number {
  let count = 0;
  for (const sequence of branches) {
    for (const atom of sequence) {
      if (atom.kind === "group") count += countBroadUnbounded(atom.branches);
      else if (atom.kind === "set" && atom.quantifier.max === Number.POSITIVE_INFINITY && atom.set.every((slot) => slot === 1)) count++;
    }
  }
  return count;
}

function containsVariableQuantifier(atom: RegexAtom): boolean {
  if (isVariable(atom)) return true;
  return atom.kind === "group" && atom.branches.some((sequence) => sequence.some(containsVariableQuantifier));
}

function isVariable(atom: RegexAtom): boolean {
  return atom.quantifier.min !== atom.quantifier.max;
}

function firstSet(atom: RegexAtom): CharSet {
  return atom.kind === "set" ? atom.set : createFullCharSet();
}
