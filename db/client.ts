import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema>;

type Handle = { client: Client; db: Db; url: string };

/** Where the database lives. db/ reads no environment: each process's start passes `databaseSettings` (lib/config.ts) in. */
export type DatabaseSettings = { url: string; authToken?: string };

// Kept on globalThis so dev-mode module reloads, and the server's separately bundled
// instrumentation and routes, share one pool and one source of settings per process.
const globalForDb = globalThis as unknown as { __switchboardDb?: Handle; __switchboardDbSettings?: () => DatabaseSettings };

/** Tell db() where the database is; read again on each call, so a changed DATA_DIR (tests) opens the new file. */
export function setDatabaseSettings(settings: () => DatabaseSettings) {
  globalForDb.__switchboardDbSettings = settings;
}

function settings(): DatabaseSettings {
  const current = globalForDb.__switchboardDbSettings;
  if (!current) throw new Error("db() was called before the process passed its database settings (setDatabaseSettings)");
  return current();
}

/** Open a libSQL client for a `file:` path (embedded) or a `libsql://`/`http(s)://` URL (sqld, Turso). */
export function openClient(url: string, authToken?: string): Client {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file && file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  // `timeout` is SQLite's busy timeout: writers from several processes wait their turn instead of failing.
  // An embedded file gets ONE connection per process: the native driver is synchronous, so a second
  // connection adds no parallelism, and a write on it while an interactive transaction holds the
  // first would block the event loop until the busy timeout. With one, callers simply queue.
  const embedded = url.startsWith("file:");
  return createClient({ url, authToken, timeout: 5000, concurrency: embedded ? 1 : 20 });
}

function open(): Handle {
  const { url, authToken } = settings();
  const client = openClient(url, authToken);
  return { client, db: drizzle(client, { schema }), url };
}

function handle(): Handle {
  const current = globalForDb.__switchboardDb;
  if (current && current.url === settings().url) return current;
  current?.client.close();
  return (globalForDb.__switchboardDb = open());
}

/** The app's database. Every query in lib/ goes through this. */
export function db(): Db {
  return handle().db;
}

export function dbClient(): Client {
  return handle().client;
}

export function closeDb() {
  globalForDb.__switchboardDb?.client.close();
  globalForDb.__switchboardDb = undefined;
}

/**
 * Lets the event loop turn, for loops that run many statements back to back.
 * The file driver (the `libsql` package) finishes a statement synchronously,
 * so a loop of awaited statements only ever waits on microtasks: nothing else
 * in the process (an HTTP request, a timer) runs until the loop ends, and the
 * driver frees each prepared statement in a finalizer Node defers to the event
 * loop, so every statement of the loop stays in memory until then (about
 * 7 KB each, 88 KB for a 100-row INSERT). Await this between rounds.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
