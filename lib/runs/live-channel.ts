import "server-only";
import crypto from "node:crypto";
import dgram from "node:dgram";
import net from "node:net";
import { eq, gt, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { liveListeners } from "@/db/schema";
import { authSecret, config } from "@/lib/config";
import { newId } from "@/lib/domain/ids";

/*
 * Live output across processes: a worker that commits log lines for run X
 * sends one UDP datagram "X now has events up to seq N" to every web process
 * that listens (each keeps a row in live_listeners with its address and port,
 * renewed while it runs). The web process wakes that run's watcher, which
 * reads the new rows from the database as for an in-process write.
 *
 * Why UDP datagrams with a registry in the database: libSQL/sqld has no
 * LISTEN/NOTIFY, and the database is the one thing every process shares, on
 * one machine or several (sqld, Turso). A datagram is fire-and-forget, needs
 * no connection to keep or reconnect, and costs the sender microseconds per
 * listener. It is only a hint: the database stays the source of truth and the
 * watchers' 250 ms poll stays, so a lost or late datagram delays a line, never
 * loses it. Datagrams carry an HMAC keyed from AUTH_SECRET (shared by every
 * process of an installation), so nobody else can make a web process re-read.
 */

const HEARTBEAT_MS = 10_000;
const TTL_MS = 30_000;
const LISTENERS_FRESH_MS = 2_000;

type Listener = { id: string; address: string; port: number };
type State = {
  selfId: string | null;
  socket4?: dgram.Socket;
  socket6?: dgram.Socket;
  listeners: Listener[];
  listenersAt: number;
  refreshing: Promise<void> | null;
  key?: { secret: string; value: Buffer };
};

// On globalThis: route bundles, the inline worker and dev reloads in one process share one channel.
const globalForLive = globalThis as unknown as { __switchboardLive?: State };
const state = (globalForLive.__switchboardLive ??= { selfId: null, listeners: [], listenersAt: 0, refreshing: null });

function key(): Buffer {
  const secret = authSecret();
  if (state.key?.secret !== secret) state.key = { secret, value: crypto.createHash("sha256").update(`switchboard live notify\0${secret}`).digest() };
  return state.key.value;
}

function mac(body: string): string {
  return crypto.createHmac("sha256", key()).update(body).digest("base64url").slice(0, 22);
}

function sendSocket(address: string): dgram.Socket {
  const v6 = net.isIPv6(address);
  let socket = v6 ? state.socket6 : state.socket4;
  if (!socket) {
    socket = dgram.createSocket(v6 ? "udp6" : "udp4");
    socket.on("error", () => {}); // unreachable listener: the poll covers it
    socket.unref();
    if (v6) state.socket6 = socket;
    else state.socket4 = socket;
  }
  return socket;
}

function refreshListeners(): Promise<void> {
  state.refreshing ??= db()
    .select({ id: liveListeners.id, address: liveListeners.address, port: liveListeners.port })
    .from(liveListeners)
    .where(gt(liveListeners.expiresAt, new Date().toISOString()))
    .then(
      (rows) => {
        state.listeners = rows;
        state.listenersAt = Date.now();
      },
      () => {}, // database briefly unavailable: keep the last list
    )
    .finally(() => {
      state.refreshing = null;
    });
  return state.refreshing;
}

function sendTo(listeners: Listener[], message: Buffer) {
  for (const l of listeners) {
    if (l.id === state.selfId) continue; // this process was told in memory already
    sendSocket(l.address).send(message, l.port, l.address);
  }
}

/** Tell every other listening process: run `runId` has events up to `lastSeq` (null: its status changed). */
export function sendLiveNotification(runId: string, lastSeq: number | null) {
  const body = `${runId} ${lastSeq ?? "-"}`;
  const message = Buffer.from(`${body} ${mac(body)}`);
  if (Date.now() - state.listenersAt < LISTENERS_FRESH_MS) sendTo(state.listeners, message);
  else void refreshListeners().then(() => sendTo(state.listeners, message));
}

/** A datagram as sent above, verified; null for anything else. */
export function parseLiveNotification(data: Buffer): { runId: string; lastSeq: number | null } | null {
  if (data.length > 200) return null;
  const [runId, seq, tag, extra] = data.toString("utf8").split(" ");
  if (!runId || !seq || !tag || extra !== undefined || runId.length > 64) return null;
  const expected = Buffer.from(mac(`${runId} ${seq}`));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  if (seq === "-") return { runId, lastSeq: null };
  const lastSeq = Number(seq);
  return Number.isSafeInteger(lastSeq) && lastSeq >= 0 ? { runId, lastSeq } : null;
}

async function heartbeat(id: string, address: string, port: number) {
  const now = Date.now();
  const expiresAt = new Date(now + TTL_MS).toISOString();
  await db()
    .insert(liveListeners)
    .values({ id, address, port, expiresAt })
    .onConflictDoUpdate({ target: liveListeners.id, set: { expiresAt } });
  // Rows of processes that stopped without saying so.
  await db().delete(liveListeners).where(lt(liveListeners.expiresAt, new Date(now - TTL_MS).toISOString()));
}

/**
 * Take notifications in this process (web servers): bind a UDP socket on
 * LIVE_NOTIFY_ADDRESS, register it, renew it every 10 s; `deliver` is called
 * for each verified datagram. Returns a function that stops listening.
 */
export async function startLiveListener(deliver: (runId: string, lastSeq: number | null) => void): Promise<() => Promise<void>> {
  const address = config().liveNotifyAddress;
  const socket = dgram.createSocket(net.isIPv6(address) ? "udp6" : "udp4");
  socket.on("message", (data) => {
    const note = parseLiveNotification(data);
    if (note) deliver(note.runId, note.lastSeq);
  });
  socket.on("error", (error) => console.error("live notifications:", error.message));
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  socket.unref();
  const id = newId();
  const { port } = socket.address();
  await heartbeat(id, address, port);
  state.selfId = id;
  const timer = setInterval(() => void heartbeat(id, address, port).catch(() => {}), HEARTBEAT_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    if (state.selfId === id) state.selfId = null;
    socket.close();
    await db().delete(liveListeners).where(eq(liveListeners.id, id)).catch(() => {});
  };
}
