import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { INVITATION_TTL_MS, listOpenInvitations } from "@/lib/sign-ups/invitations";
import { SIGN_UPS_PER_WINDOW } from "@/lib/sign-ups/limit";
import { getSignUpPolicy } from "@/lib/sign-ups/policy";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable, headRow, muted, row, td, th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { CreateInvitation, RevokeInvitation } from "./_components/invitations";
import { SignUpPolicyForm } from "./_components/sign-up-policy-form";
import { ExecutorsForm } from "./_components/executors-form";
import { getEnabledExecutors } from "@/lib/admin/executors";
import { PlanLimitsTable } from "@/components/billing/plan-limits-table";
import { backupIncludesDatabase } from "@/lib/backup/backup";
import { getBackupSchedule, listStoredBackups } from "@/lib/backup/schedule";
import { formatBytes } from "@/lib/format/bytes";
import { buttonClass } from "@/components/ui/button";
import { BackupScheduleForm } from "./_components/backup-schedule-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.settings.title") };
}

/** Server-wide settings: who may sign up, the invitations for invite-only sign-ups, executors, the plans' limits (read only), and backups. */
export default async function AdminSettingsPage() {
  const admin = await requireAdmin();
  const [t, { locale }, policy, invitations, schedule, stored] = await Promise.all([
    getT(),
    getPreferences(),
    getSignUpPolicy(),
    listOpenInvitations(admin),
    getBackupSchedule(),
    listStoredBackups(),
  ]);
  return (
    <>
      <PageHeader title={t("admin.settings.title")} description={t("admin.settings.description")} />
      <Card aria-labelledby="sign-ups" className="mb-6">
        <h2 id="sign-ups" className="mb-4 text-base font-semibold">
          {t("admin.settings.signUps.title")}
        </h2>
        <SignUpPolicyForm policy={policy} limit={SIGN_UPS_PER_WINDOW} />
      </Card>
      <Card aria-labelledby="executors" className="mb-6">
        <h2 id="executors" className="text-base font-semibold">
          {t("admin.executors.title")}
        </h2>
        <p className={`mb-4 text-sm ${muted}`}>{t("admin.executors.description")}</p>
        <ExecutorsForm enabled={await getEnabledExecutors()} />
      </Card>
      <Card aria-labelledby="plan-limits-title" className="mb-6">
        <h2 id="plan-limits-title" className="text-base font-semibold">
          {t("admin.planLimits.title")}
        </h2>
        <p className={`mb-4 text-sm ${muted}`}>{t("admin.planLimits.description")}</p>
        <PlanLimitsTable />
      </Card>
      <Card aria-labelledby="backups" className="mb-6">
        <h2 id="backups" className="text-base font-semibold">
          {t("admin.backups.title")}
        </h2>
        <p className={`mb-2 text-sm ${muted}`}>{t("admin.backups.description")}</p>
        {!backupIncludesDatabase() && <p className="mb-2 text-sm text-amber-800 dark:text-amber-200">{t("admin.backups.remote")}</p>}
        <a className={`${buttonClass("secondary")} mb-6`} href="/admin/settings/backup" download>
          {t("admin.backups.download")}
        </a>
        <BackupScheduleForm enabled={schedule.enabled} keep={schedule.keep} />
        <div className="mt-6">
          {stored.length === 0 ? (
            <p className={`text-sm ${muted}`}>{t("admin.backups.stored.empty")}</p>
          ) : (
            <DataTable id="stored-backups" caption={t("admin.backups.stored.caption")}>
              <thead className={headRow}>
                <tr>
                  {["name", "size", "created"].map((c) => (
                    <th key={c} scope="col" className={th}>
                      {t(`admin.backups.stored.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stored.map((b) => (
                  <tr key={b.name} className={row}>
                    <td className={td}>
                      <a href={`/admin/settings/backup?file=${encodeURIComponent(b.name)}`} download aria-label={t("admin.backups.stored.download", { name: b.name })} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                        {b.name}
                      </a>
                    </td>
                    <td className={td}>{formatBytes(b.sizeBytes)}</td>
                    <td className={td}>
                      <RelativeTime iso={b.createdAt} locale={locale} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </div>
      </Card>
      <Card aria-labelledby="invitations">
        <h2 id="invitations" className="text-base font-semibold">
          {t("admin.settings.invitations.title")}
        </h2>
        <p className={`mb-4 text-sm ${muted}`}>{t("admin.settings.invitations.description", { days: INVITATION_TTL_MS / 86_400_000 })}</p>
        <CreateInvitation />
        <div className="mt-6">
          {invitations.length === 0 ? (
            <p className={`text-sm ${muted}`}>{t("admin.settings.invitations.empty")}</p>
          ) : (
            <DataTable id="open-invitations" caption={t("admin.settings.invitations.caption")}>
              <thead className={headRow}>
                <tr>
                  <th scope="col" className={th}>
                    {t("admin.settings.invitations.col.created")}
                  </th>
                  <th scope="col" className={th}>
                    {t("admin.settings.invitations.col.expires")}
                  </th>
                  <th scope="col" className={th}>
                    <span className="sr-only">{t("admin.settings.invitations.revoke")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id} className={row}>
                    <td className={td}>
                      <RelativeTime iso={invitation.createdAt} locale={locale} />
                    </td>
                    <td className={td}>
                      <RelativeTime iso={invitation.expiresAt} locale={locale} />
                    </td>
                    <td className={td}>
                      <RevokeInvitation id={invitation.id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </div>
      </Card>
    </>
  );
}
