import { migrateDatabase } from "@/db/migrate";
import { config, ensureDataDir } from "@/lib/config";
import { closeDb } from "@/db/client";
import { configureDatabase } from "@/lib/server/database";

// `npm run db:migrate`: apply pending migrations and exit. Idempotent.
// (No top-level await: tsx compiles this file as CommonJS.)
async function main() {
  ensureDataDir();
  configureDatabase();
  await migrateDatabase();
  closeDb();
  console.log(`Database ready: ${config().databaseUrl}`);
}

main().catch((error) => {
  console.error("Migration failed:", error);
  process.exit(1);
});
