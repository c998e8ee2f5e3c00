import { sql } from "drizzle-orm";
import { text } from "drizzle-orm/sqlite-core";
import { newId } from "@/lib/domain/ids";

/** Shared column builders, so every table spells ids and times the same way. */

/** Primary key: a UUIDv7 generated in the app (time-ordered, usable as a cursor). */
export const id = () => text("id").primaryKey().$defaultFn(newId);

/** ISO-8601 UTC time with milliseconds, filled by the database when omitted. */
export const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
export const createdAt = () => text("created_at").notNull().default(isoNow);
export const updatedAt = () => text("updated_at").notNull().default(isoNow);
/** An optional point in time (e.g. disabled_at, revoked_at). */
export const timestamp = (name: string) => text(name);
