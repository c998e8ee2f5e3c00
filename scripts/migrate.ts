import { migrateDatabase } from "@/db/migrate";
import { config, ensureDataDir } from "@/lib/config";
import { closeDb } from "@/db/client";

// `npm run db:migrate`: apply pending migrations and exit. Idempotent.
// (No top-level await: tsx compiles this file as CommonJS.)
async function main() {
  ensureDataDir();
  await migrateDatabase();
  closeDb();
  console.log(`Database ready: ${config().databaseUrl}`);
}

main().catch((error) => {
  console.error("Migration failed:", error);
  process.exit(1);
});
