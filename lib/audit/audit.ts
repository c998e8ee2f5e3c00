import "server-only";
import { db } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.lockout"
  | "auth.sign_up"
  | "auth.sign_out_everywhere"
  | "auth.password_changed"
  | "token.created"
  | "token.revoked"
  | "admin.role_changed"
  | "admin.user_disabled"
  | "admin.user_enabled"
  | "admin.plan_changed"
  | "admin.sessions_revoked"
  | "admin.user_deleted"
  | "admin.model_price_changed"
  | "admin.model_added"
  | "admin.server_keys_sharing_changed"
  | "admin.executors_changed"
  | "admin.sign_up_policy_changed"
  | "admin.invitation_created"
  | "admin.invitation_revoked"
  | "admin.backup_downloaded"
  | "admin.backup_schedule_changed"
  | "provider_key.saved"
  | "provider_key.removed"
  | "billing.subscription_synced";

/** Append one line to the audit log. Never throws: auditing must not break the action it records. */
export async function recordAudit(entry: {
  action: AuditAction;
  actorId?: string | null;
  targetUserId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}) {
  try {
    await db()
      .insert(auditLog)
      .values({
        action: entry.action,
        actorId: entry.actorId ?? null,
        targetUserId: entry.targetUserId ?? null,
        detail: entry.detail ?? null,
        ip: entry.ip ?? null,
      });
  } catch (error) {
    console.error("audit log write failed", error);
  }
}
