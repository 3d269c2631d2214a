import { defineConfig } from "prisma/config";

// The datasource URL is only used by Prisma's own CLI on machines that have its native engine.
// Toolgate applies migrations itself (lib/db/migrate.ts), so nothing here reads the environment
// at import time beyond what the CLI needs.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
