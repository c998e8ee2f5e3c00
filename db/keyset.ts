import { desc, lt, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * Keyset pagination over time-ordered UUIDv7 ids, newest first: the one way
 * every list pages. A page's cursor is the last id of the page before it
 * (exclusive), so a page is "the `limit` newest ids below the cursor". One row
 * more than `limit` is fetched only to tell whether a next page exists.
 *
 *   const page = keyset(agents.id, { limit, cursor });
 *   const rows = await db().select(...).from(agents)
 *     .where(and(eq(agents.userId, userId), page.where)).orderBy(page.orderBy).limit(page.fetch);
 *   return page.of(rows);
 */
export function keyset(idColumn: SQLiteColumn, { limit, cursor }: { limit: number; cursor?: string | null }) {
  return {
    where: cursor ? lt(idColumn, cursor) : undefined,
    orderBy: desc(idColumn),
    fetch: limit + 1,
    of: <T extends { id: string }>(rows: T[]) => splitPage(rows, limit),
  } satisfies { where: SQL | undefined; orderBy: SQL; fetch: number; of: unknown };
}

/** Rows fetched with `limit + 1` → this page and the cursor of the next one (null on the last page). */
export function splitPage<T extends { id: string }>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? data[data.length - 1]!.id : null };
}
