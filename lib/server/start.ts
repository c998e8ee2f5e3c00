import "server-only";
import { authSecret, ensureDataDir } from "@/lib/config";
import { migrateDatabase } from "@/db/migrate";

let started: Promise<void> | undefined;

/** Everything a fresh machine needs before the first request; safe to call twice. */
export function startServer() {
  started ??= (async () => {
    ensureDataDir();
    authSecret(); // generate and keep it now, not in the middle of a sign-in
    await migrateDatabase();
  })();
  return started;
}
