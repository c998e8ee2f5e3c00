import "server-only";
import { setDatabaseSettings } from "@/db/client";
import { databaseSettings } from "@/lib/config";

/**
 * Point db() at the database config() names. Every process calls this once at
 * its start (server, worker, scripts, tests, benchmarks): db/ reads no
 * environment and imports nothing from lib/ but lib/domain.
 */
export function configureDatabase() {
  setDatabaseSettings(databaseSettings);
}
