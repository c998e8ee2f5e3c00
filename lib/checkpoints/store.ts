import "server-only";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { checkpointBlobs } from "@/db/schema";
import { sha256 } from "./files";

/**
 * Content-addressed storage for checkpoints: a blob is the deflated bytes of one file's
 * content (or one file list), keyed by the SHA-256 of the uncompressed bytes, shared by
 * every checkpoint that has the same bytes. Storing what is already there costs a lookup.
 */

const deflate = promisify(zlib.deflateRaw);
const inflate = promisify(zlib.inflateRaw);
const CHUNK = 400;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Which of `hashes` are stored already. */
export async function existing(hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(hashes)])) {
    const rows = await db().select({ hash: checkpointBlobs.hash }).from(checkpointBlobs).where(inArray(checkpointBlobs.hash, part));
    rows.forEach((r) => found.add(r.hash));
  }
  return found;
}

/** Stores the blobs not stored yet; returns how many compressed bytes were added. */
export async function putBlobs(blobs: Map<string, Buffer>): Promise<number> {
  const have = await existing([...blobs.keys()]);
  const rows: (typeof checkpointBlobs.$inferInsert)[] = [];
  let added = 0;
  for (const [hash, data] of blobs) {
    if (have.has(hash)) continue;
    const packed = await deflate(data);
    added += packed.length;
    rows.push({ hash, data: packed, size: data.length });
  }
  for (const part of chunks(rows)) await db().insert(checkpointBlobs).values(part).onConflictDoNothing();
  return added;
}

/** The stored content of `hashes`, uncompressed. */
export async function getBlobs(hashes: string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const part of chunks([...new Set(hashes)])) {
    const rows = await db().select({ hash: checkpointBlobs.hash, data: checkpointBlobs.data }).from(checkpointBlobs).where(inArray(checkpointBlobs.hash, part));
    for (const r of rows) out.set(r.hash, await inflate(r.data));
  }
  return out;
}

/** One file of a checkpoint: path, mode, content hash, size. */
export type ManifestEntry = [path: string, mode: number, hash: string, size: number];

export function manifestBlob(entries: ManifestEntry[]): { hash: string; data: Buffer } {
  const data = Buffer.from(JSON.stringify(entries), "utf8");
  return { hash: sha256(data), data };
}

export async function readManifest(hash: string): Promise<ManifestEntry[]> {
  const data = (await getBlobs([hash])).get(hash);
  return data ? (JSON.parse(data.toString("utf8")) as ManifestEntry[]) : [];
}
