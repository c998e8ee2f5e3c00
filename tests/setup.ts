import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { closeDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { configureDatabase } from "@/lib/server/database";

/**
 * Every test file gets its own DATA_DIR with a real libSQL database file,
 * migrated exactly as the app migrates it at start.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-test-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
delete process.env.AUTH_SECRET;
resetConfigForTests();
configureDatabase();

beforeAll(async () => {
  await migrateDatabase();
});

afterAll(() => {
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
