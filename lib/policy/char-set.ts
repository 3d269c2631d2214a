/**
 * A coarse character set for the regex safety check: 128 ASCII slots plus one slot standing for
 * every non-ASCII character. Coarse is fine because it only ever errs towards "may overlap",
 * which makes the checker reject more, never less.
 */
export type CharSet = Uint8Array;

const NON_ASCII = 128;

export function createCharSet(): CharSet {
  return new Uint8Array(129);
}

export function createFullCharSet(): CharSet {
  return createCharSet().fill(1);
}

export function addChar(set: CharSet, char: string, isCaseInsensitive: boolean): void {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 128) {
    set[NON_ASCII] = 1;
    return;
  }
  set[code] = 1;
  if (isCaseInsensitive) {
    set[char.toLowerCase().charCodeAt(0)] = 1;
    set[char.toUpperCase().charCodeAt(0)] = 1;
  }
}

export function addRange(set: CharSet, from: number, to: number): void {
  for (let code = from; code <= Math.min(to, 127); code++) set[code] = 1;
  if (to >= 128) set[NON_ASCII] = 1;
}

/** Adds \d, \w or \s; their negations are treated as "anything", which is conservative. */
export function addEscapeClass(set: CharSet, letter: string): void {
  if (letter === "d") addRange(set, 48, 57);
  else if (letter === "w") {
    addRange(set, 48, 57);
    addRange(set, 65, 90);
    addRange(set, 97, 122);
    set[95] = 1;
  } else if (letter === "s") {
    for (const code of [9, 10, 11, 12, 13, 32]) set[code] = 1;
    set[NON_ASCII] = 1;
  } else set.fill(1);
}

export function doCharSetsOverlap(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] === 1 && b[i] === 1) return true;
  return false;
}
