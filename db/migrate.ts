import "server-only";
import path from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import { db, dbClient } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/**
 * Bring the database to the current schema. Idempotent: drizzle records what
 * it applied. Every process calls this at start, so it also tunes the
 * embedded file: WAL lets readers go on while a writer commits, and in WAL
 * mode synchronous=NORMAL is still safe against app crashes while sparing
 * a disk sync per commit (the process's single connection keeps it).
 */
export async function migrateDatabase() {
  const client = dbClient();
  if (client.protocol === "file") {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
  }
  await migrate(db(), { migrationsFolder });
}
