#!/usr/bin/env node
// The `toolgate` command line (package.json "bin"). The commands are TypeScript in lib/cli; the
// node hooks make `server-only` a no-op and load tsx, as for every script outside Next.
// tsx resolves the `@/` imports with the project's tsconfig, wherever the command is run from.
process.env.TSX_TSCONFIG_PATH ??= new URL("../tsconfig.json", import.meta.url).pathname;
await import("./node-hooks.mjs");

const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
