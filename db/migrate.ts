import "server-only";
import path from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import { db, dbClient } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/**
 * Bring the database to the current schema. Idempotent: drizzle records what
 * it applied. WAL lets readers go on while a writer commits (embedded only).
 */
export async function migrateDatabase() {
  const client = dbClient();
  if (client.protocol === "file") await client.execute("PRAGMA journal_mode = WAL");
  await migrate(db(), { migrationsFolder });
}
