// `npm test`: unit and integration suites on the database the environment selects (embedded PGlite
// unless DATABASE_URL is set), then a production build and the browser/end-to-end suites against it.
// Each step prints what it does; the first failure stops the run with its exit code.
import { spawnSync } from "node:child_process";

const steps = [
  ["Generating the Prisma client", "npm", ["run", "--silent", "prisma:generate"]],
  ["Unit and integration tests", "npx", ["vitest", "run", "--config", "tests/vitest.config.ts"]],
  ["Building the app for the browser tests", "npx", ["next", "build"]],
  ["Browser and end-to-end tests", "npx", ["vitest", "run", "--config", "tests/vitest.e2e.config.ts"]],
];

for (const [index, [title, command, args]] of steps.entries()) {
  console.log(`\n▶ [${index + 1}/${steps.length}] ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
