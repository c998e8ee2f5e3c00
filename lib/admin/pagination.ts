import "server-only";
import { and, asc, gte, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { db } from "@/db/client";

/**
 * Keyset pagination over UUIDv7 ids, newest first. A page's `cursor` is the
 * last id of the page before it (exclusive), so a page is "the `limit`
 * newest ids below the cursor"; ids are time-ordered, so this is creation order.
 */
export const ADMIN_PAGE_SIZE = 25;
const MAX_LIMIT = 100;

export type Page<T> = {
  data: T[];
  /** The cursor of the next (older) page, or null on the last page. */
  nextCursor: string | null;
  /** The previous (newer) page, whose cursor is null when it is the first page; null on the first page. */
  prev: { cursor: string | null } | null;
};

/** What an admin list page accepts in its query string; anything malformed is dropped, never a 500. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  cursor: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
    .optional()
    .catch(undefined),
});

export function clampLimit(limit: number | undefined): number {
  if (!limit || !Number.isFinite(limit)) return ADMIN_PAGE_SIZE;
  return Math.min(Math.max(Math.trunc(limit), 1), MAX_LIMIT);
}

/**
 * The previous page holds the `limit` oldest ids at or above this page's
 * cursor (the cursor is that page's last row); its own cursor is the id just
 * above them, or null when those rows are the first page.
 */
export async function previousPage(
  table: SQLiteTable,
  idColumn: SQLiteColumn,
  filter: SQL | undefined,
  cursor: string | undefined,
  limit: number,
): Promise<Page<unknown>["prev"]> {
  if (!cursor) return null;
  const [row] = await db()
    .select({ id: idColumn })
    .from(table)
    .where(and(filter, gte(idColumn, cursor)))
    .orderBy(asc(idColumn))
    .limit(1)
    .offset(limit);
  return { cursor: row ? String(row.id) : null };
}
