/**
 * A small parser for JavaScript regex syntax, just deep enough for the safety check in
 * safe-regex.ts: atoms with their quantifiers, groups with their alternatives, and the first
 * characters an atom can match. Constructs we refuse outright (backreferences, lookbehind) throw
 * UnsafeRegexError here, so nothing downstream has to reason about them.
 */
import { addChar, addEscapeClass, addRange, type CharSet, createCharSet, createFullCharSet } from "./char-set";

export class UnsafeRegexError extends Error {}

export type Quantifier = { min: number; max: number };
export type RegexAtom =
  | { kind: "set"; set: CharSet; quantifier: Quantifier }
  | { kind: "group"; branches: RegexAtom[][]; quantifier: Quantifier }
  | { kind: "assertion"; quantifier: Quantifier };

const ONCE: Quantifier = { min: 1, max: 1 };

export function parseRegex(pattern: string, isCaseInsensitive: boolean): RegexAtom[][] {
  const state = { pattern, index: 0, isCaseInsensitive };
  const branches = parseAlternatives(state);
  if (state.index < pattern.length) throw new UnsafeRegexError("unbalanced parenthesis");
  return branches;
}

type State = { pattern: string; index: number; isCaseInsensitive: boolean };

function parseAlternatives(state: State): RegexAtom[][] {
  const branches: RegexAtom[][] = [[]];
  while (state.index < state.pattern.length) {
    const char = state.pattern[state.index];
    if (char === ")") break;
    if (char === "|") {
      state.index++;
      branches.push([]);
      continue;
    }
    const atom = parseAtom(state);
    atom.quantifier = parseQuantifier(state);
    branches[branches.length - 1]?.push(atom);
  }
  return branches;
}

function parseAtom(state: State): RegexAtom {
  const { pattern } = state;
  const char = pattern[state.index++] ?? "";
  if (char === "^" || char === "$") return { kind: "assertion", quantifier: ONCE };
  if (char === ".") return { kind: "set", set: createFullCharSet(), quantifier: ONCE };
  if (char === "[") return { kind: "set", set: parseClass(state), quantifier: ONCE };
  if (char === "(") return parseGroup(state);
  if (char === "\\") return parseEscape(state);
  const set = createCharSet();
  addChar(set, char, state.isCaseInsensitive);
  return { kind: "set", set, quantifier: ONCE };
}

function parseGroup(state: State): RegexAtom {
  const rest = state.pattern.slice(state.index, state.index + 3);
  if (rest.startsWith("?<=") || rest.startsWith("?<!")) throw new UnsafeRegexError("lookbehind is not allowed");
  if (rest.startsWith("?:") || rest.startsWith("?=") || rest.startsWith("?!")) state.index += 2;
  else if (rest.startsWith("?<")) state.index = state.pattern.indexOf(">", state.index) + 1;
  else if (rest.startsWith("?")) throw new UnsafeRegexError("unsupported group modifier");
  const branches = parseAlternatives(state);
  if (state.pattern[state.index] !== ")") throw new UnsafeRegexError("unbalanced parenthesis");
  state.index++;
  return { kind: "group", branches, quantifier: ONCE };
}

function parseEscape(state: State): RegexAtom {
  const letter = state.pattern[state.index++] ?? "";
  if (/[1-9]/.test(letter) || letter === "k") throw new UnsafeRegexError("backreferences are not allowed");
  if (letter === "b" || letter === "B") return { kind: "assertion", quantifier: ONCE };
  const set = createCharSet();
  if (/[dwsDWS]/.test(letter)) addEscapeClass(set, letter);
  else if (letter === "p" || letter === "P") {
    state.index = state.pattern.indexOf("}", state.index) + 1;
    set.fill(1);
  } else if (/[xuc0-9]/.test(letter) || /[a-zA-Z]/.test(letter)) set.fill(1);
  else addChar(set, letter, state.isCaseInsensitive);
  return { kind: "set", set, quantifier: ONCE };
}

function parseClass(state: State): CharSet {
  const { pattern } = state;
  const set = createCharSet();
  if (pattern[state.index] === "^") {
    state.index = skipClass(pattern, state.index);
    return createFullCharSet();
  }
  while (state.index < pattern.length && pattern[state.index] !== "]") {
    let char = pattern[state.index++] ?? "";
    if (char === "\\") {
      const letter = pattern[state.index++] ?? "";
      if (/[dwsDWS]/.test(letter)) {
        addEscapeClass(set, letter);
        continue;
      }
      if (/[a-zA-Z0-9]/.test(letter)) return finishFull(state);
      char = letter;
    }
    if (pattern[state.index] === "-" && pattern[state.index + 1] !== "]" && pattern[state.index + 1] !== "\\") {
      const to = pattern[state.index + 1] ?? "";
      state.index += 2;
      addRange(set, char.codePointAt(0) ?? 0, to.codePointAt(0) ?? 0);
      if (state.isCaseInsensitive) set.fill(1);
    } else addChar(set, char, state.isCaseInsensitive);
  }
  state.index++;
  return set;
}

function finishFull(state: State): CharSet {
  state.index = skipClass(state.pattern, state.index);
  return createFullCharSet();
}

function skipClass(pattern: string, from: number): number {
  let index = from;
  while (index < pattern.length && pattern[index] !== "]") index += pattern[index] === "\\" ? 2 : 1;
  return index + 1;
}

function parseQuantifier(state: State): Quantifier {
  const { pattern } = state;
  const char = pattern[state.index];
  let quantifier: Quantifier | null = null;
  if (char === "*") quantifier = { min: 0, max: Number.POSITIVE_INFINITY };
  else if (char === "+") quantifier = { min: 1, max: Number.POSITIVE_INFINITY };
  else if (char === "?") quantifier = { min: 0, max: 1 };
  if (quantifier) state.index++;
  else {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(state.index));
    if (!braces) return ONCE;
    state.index += braces[0].length;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Number.POSITIVE_INFINITY;
    quantifier = { min, max };
  }
  if (pattern[state.index] === "?") state.index++;
  return quantifier;
}
