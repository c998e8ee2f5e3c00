/**
 * Runs once when the server starts: create DATA_DIR, apply migrations.
 * (The inline job worker will start here too.)
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/start");
  await startServer();
}
