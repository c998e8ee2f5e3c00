import { RestoreRefused, restoreBackup } from "@/lib/backup/restore";

// `npm run restore -- <file>`: fills an empty DATA_DIR (and the database file DATABASE_URL
// names) from a backup archive; refuses a folder that holds anything (README "Backup and restore").
// (No top-level await: tsx compiles this file as CommonJS.)
async function main() {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error("Usage: npm run restore -- <file.tar.gz>");
    process.exit(2);
  }
  const result = await restoreBackup(file);
  console.log(`Restored the backup of ${result.manifest.createdAt} into ${result.dataDir}${result.database ? `, database ${result.database}` : ""}.`);
  if (result.note) console.log(result.note);
  console.log("Start the app as usual (npm start); it applies any newer migrations at start.");
}

main().catch((error) => {
  console.error(error instanceof RestoreRefused ? error.message : `Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
