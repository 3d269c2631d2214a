import { describe, expect, it } from "vitest";
import { MAX_REGEX_SUBJECT_LENGTH } from "@/lib/policy/conditions";
import { checkRegexSafety, MAX_REGEX_LENGTH } from "@/lib/policy/safe-regex";

const safe = [
  "^refund for order \\d+$",
  "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$",
  "^(foo|bar)+$",
  "^(ab|cd)*x$",
  "(\\d{3}-)+\\d{4}",
  "^[A-Z]+[0-9]+$",
  ".*secret.*",
  "^(?:https?)://",
  "(?<year>\\d{4})-(?<month>\\d{2})",
  "^(?!admin).*$",
  "a*b*c*",
  "[\\]x]+y",
];

const unsafe: Array<[string, RegExp]> = [
  ["(a+)+$", /nested quantifiers/],
  ["^(a*)*b", /nested quantifiers/],
  ["(\\w+\\s?)+$", /nested quantifiers/],
  ["(a|a)*b", /same character/],
  ["(a|ab)*c", /same character/],
  ["(.|x)+", /same character/],
  ["(a|)*", /match nothing/],
  ["\\d+\\d+x", /adjacent quantifiers/],
  [".*.*=.*", /adjacent quantifiers/],
  ["[a-z]+\\w*", /adjacent quantifiers/],
  ["(a)\\1", /backreferences/],
  ["(?<x>a)\\k<x>", /backreferences/],
  ["(?<=a)b", /lookbehind/],
  ["(?<!a)b", /lookbehind/],
  [".*a.*b.*c", /more than 2 unbounded quantifiers over any character/],
  ["[^x]*a\\S+b.+c", /more than 2 unbounded quantifiers/],
];

describe("checkRegexSafety", () => {
  it.each(safe)("accepts %s", (pattern) => {
    expect(checkRegexSafety(pattern)).toEqual({ ok: true });
  });

  it.each(unsafe)("rejects %s", (pattern, reason) => {
    const check = checkRegexSafety(pattern);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it("rejects patterns longer than the bound", () => {
    const check = checkRegexSafety("a".repeat(MAX_REGEX_LENGTH + 1));
    expect(check).toEqual({ ok: false, reason: `is longer than ${MAX_REGEX_LENGTH} characters` });
    expect(checkRegexSafety("a".repeat(MAX_REGEX_LENGTH)).ok).toBe(true);
  });

  it("rejects invalid syntax and stateful or unknown flags", () => {
    expect(checkRegexSafety("(unclosed")).toMatchObject({ ok: false, reason: expect.stringMatching(/not a valid regular expression/) });
    expect(checkRegexSafety("a", "g")).toEqual({ ok: false, reason: 'flag "g" is not allowed' });
    expect(checkRegexSafety("a", "y")).toEqual({ ok: false, reason: 'flag "y" is not allowed' });
    expect(checkRegexSafety("a", "ii")).toEqual({ ok: false, reason: "repeats a flag" });
    expect(checkRegexSafety("a", "imsu")).toEqual({ ok: true });
  });

  it("treats case-insensitive literals as overlapping", () => {
    expect(checkRegexSafety("a+A+").ok).toBe(true);
    expect(checkRegexSafety("a+A+", "i").ok).toBe(false);
  });

  // Polynomial patterns such as ".*secret.*" are accepted; conditions.ts bounds their subjects.
  it("accepted patterns stay fast on adversarial input of the longest subject we run", () => {
    const input = `${"a".repeat(MAX_REGEX_SUBJECT_LENGTH - 1)}!`;
    for (const pattern of safe) {
      const started = performance.now();
      new RegExp(pattern).test(input);
      expect(performance.now() - started).toBeLessThan(250);
    }
  });
});
