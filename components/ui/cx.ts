/** Joins class names, skipping falsy ones. There is no class merging: pass non-conflicting classes. */
export function cx(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
