import { migrateDatabase } from "@/db/migrate";
import { config, ensureDataDir } from "@/lib/config";
import { closeDb } from "@/db/client";

// `npm run db:migrate` (and the dev/start scripts before Next boots).
ensureDataDir();
await migrateDatabase();
closeDb();
console.log(`Database ready: ${config().databaseUrl}`);
