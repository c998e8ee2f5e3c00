import "server-only";
import { and, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, jobs, projects, users } from "@/db/schema";
import { type Plan, type Role } from "@/lib/domain";
import { stopAttempts } from "@/lib/attempts/stop";
import { recordAudit } from "@/lib/audit/audit";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { forgetPushSubscriptionsOf } from "@/lib/push/subscriptions";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { nowIso } from "@/lib/domain/ids";
import { removeWorkspace } from "@/lib/projects/projects";
import { removeUserUploads } from "@/lib/images/images";
import { cancelJob } from "@/lib/queue/queue";
import { cancelRun } from "@/lib/runs/lifecycle";
import { revokeUserTokens } from "@/lib/tokens/tokens";

/**
 * What admins do to accounts. Every function checks the caller's role again
 * (assertAdmin) and writes an audit entry. The "at least one enabled admin"
 * rule is part of each write's WHERE, so two admins demoting each other at
 * the same moment cannot both succeed.
 */

/** Another enabled admin than the row being changed exists (used inside UPDATE/DELETE ... WHERE on users). */
const anotherEnabledAdmin = sql`EXISTS (SELECT 1 FROM users AS other WHERE other.role = 'admin' AND other.disabled_at IS NULL AND other.id <> users.id)`;

/** The row is not an enabled admin, or it is and another enabled admin remains. */
const keepsAnAdmin: SQL = or(ne(users.role, "admin"), isNotNull(users.disabledAt), anotherEnabledAdmin)!;

const lastAdmin = () => new LocalizedError("conflict", { key: "admin.error.lastAdmin" });
const noSuchUser = () => new LocalizedError("not_found", { key: "admin.error.noSuchUser" });

/**
 * Stops everything working for a user, the way the app cancels one thing at a
 * time: every pending or running job (a worker aborts its process group at
 * once in this process, at its next lease renewal elsewhere), every queued or
 * running attempt with its unsent follow-ups, then every run still queued or
 * running (pipeline turns end with their job).
 */
async function stopAllWorkOf(userId: string) {
  const liveJobs = await db()
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.userId, userId), inArray(jobs.status, ["pending", "running"])));
  for (const job of liveJobs) await cancelJob(job.id, { all: true }).catch(() => undefined);
  await stopAttempts(userId, { all: true });
  const liveRuns = await db()
    .select({ id: agentRuns.id })
    .from(agentRuns)
    .where(and(eq(agentRuns.userId, userId), inArray(agentRuns.status, ["queued", "running"])));
  for (const run of liveRuns) await cancelRun(userId, run.id).catch(() => undefined);
}

async function targetOf(id: string) {
  const [row] = await db()
    .select({ id: users.id, email: users.email, role: users.role, plan: users.plan, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row) throw noSuchUser();
  return row;
}

/** Make a user an admin or a user. Never demotes the last enabled admin. */
export async function changeRole(actor: Actor, userId: string, role: Role) {
  await assertAdmin(actor);
  const before = await targetOf(userId);
  const [row] = await db()
    .update(users)
    .set({ role, updatedAt: nowIso() })
    .where(and(eq(users.id, userId), role === "admin" ? undefined : keepsAnAdmin))
    .returning({ id: users.id });
  if (!row) {
    await targetOf(userId); // deleted meanwhile: not found
    throw lastAdmin();
  }
  if (before.role !== role) {
    await recordAudit({ action: "admin.role_changed", actorId: actor.id, targetUserId: userId, detail: { from: before.role, to: role } });
  }
  return { changed: before.role !== role };
}

/**
 * Disable or enable an account. Disabling ends every session and revokes
 * every API token and Web Push subscription for good (enabling the account
 * again brings none back: its owner signs in and makes new ones), and stops their runs and attempts. Open
 * live streams notice within seconds (lib/runs/sse.ts). An admin cannot
 * disable themself, and the last enabled admin is never disabled.
 */
export async function setDisabled(actor: Actor, userId: string, disabled: boolean) {
  await assertAdmin(actor);
  if (disabled && userId === actor.id) throw new LocalizedError("conflict", { key: "admin.error.disableSelf" });
  await targetOf(userId);
  if (disabled) {
    const [row] = await db()
      .update(users)
      .set({ disabledAt: nowIso(), updatedAt: nowIso() })
      .where(and(eq(users.id, userId), ne(users.id, actor.id), keepsAnAdmin))
      .returning({ id: users.id, disabledAt: users.disabledAt });
    if (!row) {
      await targetOf(userId);
      throw lastAdmin();
    }
    await revokeUserSessions(userId);
    const tokensRevoked = await revokeUserTokens(userId);
    await forgetPushSubscriptionsOf(userId);
    await stopAllWorkOf(userId);
    await recordAudit({ action: "admin.user_disabled", actorId: actor.id, targetUserId: userId, detail: { tokensRevoked } });
    return;
  }
  const [row] = await db()
    .update(users)
    .set({ disabledAt: null, updatedAt: nowIso() })
    .where(and(eq(users.id, userId), isNotNull(users.disabledAt)))
    .returning({ id: users.id });
  if (row) await recordAudit({ action: "admin.user_enabled", actorId: actor.id, targetUserId: userId });
}

/** Set a user's plan by hand (e.g. a comp account); billing webhooks may change it again later. */
export async function setPlan(actor: Actor, userId: string, plan: Plan) {
  await assertAdmin(actor);
  const [before] = await db()
    .select({ plan: users.plan })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!before) throw noSuchUser();
  const [row] = await db().update(users).set({ plan, updatedAt: nowIso() }).where(eq(users.id, userId)).returning({ id: users.id });
  if (!row) throw noSuchUser();
  if (before.plan !== plan) {
    await recordAudit({ action: "admin.plan_changed", actorId: actor.id, targetUserId: userId, detail: { from: before.plan, to: plan } });
  }
  return { changed: before.plan !== plan };
}

/** End every session of a user (their API tokens are left alone). */
export async function revokeSessions(actor: Actor, userId: string) {
  await assertAdmin(actor);
  await targetOf(userId);
  await revokeUserSessions(userId);
  await recordAudit({ action: "admin.sessions_revoked", actorId: actor.id, targetUserId: userId });
}

/**
 * Delete an account and everything it owns. The admin types the user's email
 * to confirm. Never yourself, never the last enabled admin. Their queued and
 * running jobs are cancelled first (so workers stop their processes), the
 * users row is deleted (every owned row cascades through foreign keys; audit
 * entries keep the email in their detail), then the workspace folders the app
 * created for their projects are removed from disk.
 */
export async function deleteUser(actor: Actor, userId: string, confirmEmail: string) {
  await assertAdmin(actor);
  const target = await targetOf(userId);
  if (confirmEmail.trim().toLowerCase() !== target.email) {
    throw new LocalizedError("validation", { key: "admin.error.confirmEmail" }, { confirmEmail: { key: "admin.error.confirmEmail" } });
  }
  if (userId === actor.id) throw new LocalizedError("conflict", { key: "admin.error.deleteSelf" });
  if (target.role === "admin" && !target.disabledAt) {
    const [other] = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, userId)))
      .limit(1);
    if (!other) throw lastAdmin();
  }

  await stopAllWorkOf(userId);
  const workspaces = await db()
    .select({ id: projects.id, path: projects.path })
    .from(projects)
    .where(and(eq(projects.userId, userId), eq(projects.isWorkspace, true)));

  const [row] = await db()
    .delete(users)
    .where(and(eq(users.id, userId), ne(users.id, actor.id), keepsAnAdmin))
    .returning({ id: users.id });
  if (!row) {
    await targetOf(userId);
    throw lastAdmin();
  }
  for (const ws of workspaces) {
    await removeWorkspace(ws.id, ws.path).catch((error) => console.error(`could not remove workspace ${ws.path}`, error));
  }
  await removeUserUploads(userId).catch((error) => console.error(`could not remove uploads of ${userId}`, error));
  await recordAudit({
    action: "admin.user_deleted",
    actorId: actor.id,
    targetUserId: null,
    detail: { userId, email: target.email, role: target.role, plan: target.plan, workspacesRemoved: workspaces.length },
  });
}
