import "server-only";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agents, projects, users } from "@/db/schema";
import { limitsFor } from "@/lib/billing/plans";
import { AppError } from "@/lib/errors";
import { LocalizedError } from "./localized-error";

/** A drizzle transaction (or the database itself) to run the check in. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

const tables = { agents, projects } as const;
const keys = { agents: "agent", projects: "project" } as const;

/**
 * Refuses (403) when `adding` more agents or projects would take the user over
 * their plan's limit (lib/billing/plans.ts). Call it inside the same write
 * transaction as the insert: libSQL transactions begin IMMEDIATE, so two
 * concurrent creates are serialized and cannot both pass.
 */
export async function assertWithinPlanLimit(tx: DbOrTx, userId: string, resource: keyof typeof tables, adding = 1) {
  const [user] = await tx.select({ plan: users.plan }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError("unauthorized", "Your account no longer exists.");
  const limit = limitsFor(user.plan)[resource];
  if (limit === null) return;
  const table = tables[resource];
  const [row] = await tx.select({ n: count() }).from(table).where(eq(table.userId, userId));
  const current = row?.n ?? 0;
  if (current + adding <= limit) return;
  const vars = { plan: user.plan, limit, current, adding };
  throw new LocalizedError("forbidden", { key: adding > 1 ? `${keys[resource]}.error.limitBatch` : `${keys[resource]}.error.limit`, vars });
}
