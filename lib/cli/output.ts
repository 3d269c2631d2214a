/**
 * Output and exit codes of the command line. Human-readable tables by default; `--json` prints
 * one JSON document on stdout for scripts. Errors go to stderr with an exit code a script can test:
 * 0 success, 1 failure (network, server), 2 usage, 3 authentication or role, 4 not found,
 * 5 invalid input (the API's 400, 413 and 422).
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, auth: 3, notFound: 4, invalid: 5 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export type Output = { out: (text: string) => void; err: (text: string) => void };

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value, null, 2));
}

/** A plain-text table with one header row; columns are padded to their widest cell. */
export function printTable(output: Output, headers: string[], rows: Array<Array<string | number | null | undefined>>): void {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "—" : String(cell))))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  for (const row of cells)
    output.out(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    );
}
