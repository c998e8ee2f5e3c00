/**
 * Runs once when the server starts: stamp every request with its client
 * address (lib/http/client-ip.ts), create DATA_DIR, apply migrations.
 * (The inline job worker will start here too.)
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installClientAddressStamp } = await import("./lib/http/client-ip");
  const { config } = await import("./lib/config");
  installClientAddressStamp(() => config().trustProxy);
  const { startServer } = await import("./lib/server/start");
  await startServer();
}
