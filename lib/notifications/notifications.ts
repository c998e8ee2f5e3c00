import "server-only";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, agents, notifications, type NotificationKind } from "@/db/schema";
import { nowIso } from "@/lib/domain/ids";
import { sendPush } from "@/lib/push/send";
import { getMeSettings } from "@/lib/users/settings";
import type { NotificationView } from "./schemas";

/**
 * The in-app bell: a row for each event the user chose in their settings (all on by default).
 * Every open tab polls `GET /api/v1/notifications`, so a run that ends while the user looks at
 * another tab shows there within seconds; browsers that allowed Web Push get it with every tab closed.
 */

/**
 * Records one notification for `userId` if they want to hear about `kind`, and sends it by Web
 * Push to the browsers they subscribed (in the background: a slow push service never holds up
 * the job that ended). Never throws: the event itself stands.
 */
export async function notifyUser(userId: string, kind: NotificationKind, title: string, link: string | null): Promise<void> {
  try {
    if (!(await getMeSettings(userId)).notifications[kind]) return;
    const shown = title.length > 200 ? `${title.slice(0, 199)}…` : title;
    await db().insert(notifications).values({ userId, kind, title: shown, link });
    void sendPush(userId, { title: shown, link });
  } catch (error) {
    console.error("Could not record a notification:", error);
  }
}

/** Records that a run started from /runs or the API ended, if its owner wants to hear it. */
export async function notifyRunEnded(runId: string, status: "completed" | "failed" | "cancelled"): Promise<void> {
  if (status === "cancelled") return; // they did it themselves
  const kind: NotificationKind = status === "completed" ? "runFinished" : "runFailed";
  const [run] = await db()
    .select({ userId: agentRuns.userId, task: agentRuns.task, agent: agents.name })
    .from(agentRuns)
    .leftJoin(agents, eq(agents.id, agentRuns.agentId))
    .where(eq(agentRuns.id, runId))
    .limit(1);
  if (!run) return;
  const task = run.task.length > 80 ? `${run.task.slice(0, 79)}…` : run.task;
  await notifyUser(run.userId, kind, `${status === "completed" ? "Run finished" : "Run failed"}${run.agent ? ` (${run.agent})` : ""}: ${task}`, `/runs/${runId}`);
}

export async function listNotifications(userId: string, limit: number): Promise<{ data: NotificationView[]; unread: number }> {
  const [rows, [unread]] = await Promise.all([
    db()
      .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.id))
      .limit(limit),
    db().select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return {
    data: rows.map(({ readAt, ...row }) => ({ ...row, read: readAt !== null })),
    unread: unread?.n ?? 0,
  };
}

/** Marks the caller's notifications read (these ids, or all); another user's ids are simply not touched. */
export async function markNotificationsRead(userId: string, ids?: string[]): Promise<void> {
  await db()
    .update(notifications)
    .set({ readAt: nowIso() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids.length ? ids : [""]) : undefined));
}
