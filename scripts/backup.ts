import fs from "node:fs";
import path from "node:path";
import { closeDb } from "@/db/client";
import { writeBackup } from "@/lib/backup/backup";
import { config } from "@/lib/config";
import { configureDatabase } from "@/lib/server/database";

// `npm run backup -- <file>`: one archive of the database and every file under DATA_DIR,
// safe while the app runs (README "Backup and restore").
// (No top-level await: tsx compiles this file as CommonJS.)
async function main() {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error("Usage: npm run backup -- <file.tar.gz>");
    process.exit(2);
  }
  if (!fs.existsSync(config().dataDir)) {
    console.error(`DATA_DIR (${config().dataDir}) does not exist: there is nothing to back up here.`);
    process.exit(1);
  }
  configureDatabase();
  const manifest = await writeBackup(file);
  closeDb();
  const size = fs.statSync(file).size;
  console.log(`Backup written: ${path.resolve(file)} (${(size / 1024 / 1024).toFixed(1)} MiB)`);
  if (manifest.database === "remote") {
    console.log(
      `The database is NOT in this archive: DATABASE_URL points at ${manifest.remoteDatabaseHost ?? "a remote server"}. Back it up with that server's own tools (sqld: copy its data folder while stopped or use its snapshots; Turso: \`turso db shell <db> .dump\`).`,
    );
  }
}

main().catch((error) => {
  console.error("Backup failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
