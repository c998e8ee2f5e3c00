import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";
import { getUserDetail } from "@/lib/admin/users";
import { getPreferences, getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { Badge, link, muted } from "@/components/ui/table";
import { ManageUser } from "./_components/manage-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.users.title") };
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-3 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className={`text-sm font-medium ${muted}`}>{label}</dt>
      <dd className="mt-1 text-sm break-words sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const user = await getUserDetail(admin, id);
  if (!user) notFound();
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const statusKey = `billing.status.${user.subscriptionStatus ?? "none"}`;
  const status = t(statusKey) === statusKey ? user.subscriptionStatus : t(statusKey);
  const list = "divide-y divide-zinc-200 dark:divide-zinc-800";

  return (
    <>
      <Link href="/admin/users" className={`mb-4 inline-block text-sm ${link}`}>
        <span aria-hidden>← </span>
        {t("admin.user.back")}
      </Link>
      <PageHeader title={user.email} description={user.name ?? undefined} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="text-base font-semibold">
            {t("admin.user.profile")}
          </h2>
          <dl className={`mt-2 ${list}`}>
            <Item label={t("admin.users.col.email")}>{user.email}</Item>
            <Item label={t("admin.users.col.name")}>{user.name || "—"}</Item>
            <Item label={t("admin.users.col.role")}>
              <Badge tone={user.role === "admin" ? "accent" : "neutral"}>{t(`role.${user.role}`)}</Badge>
            </Item>
            <Item label={t("admin.users.col.plan")}>{t(`billing.plan.${user.plan}`)}</Item>
            <Item label={t("admin.user.subscription")}>{status}</Item>
            <Item label={t("admin.users.col.created")}>
              <RelativeTime iso={user.createdAt} locale={locale} />
            </Item>
          </dl>
        </Card>
        <Card aria-labelledby="access-heading">
          <h2 id="access-heading" className="text-base font-semibold">
            {t("admin.user.access")}
          </h2>
          <dl className={`mt-2 ${list}`}>
            <Item label={t("admin.user.status")}>
              {user.disabledAt ? (
                <>
                  <Badge tone="danger">{t("admin.user.disabledSince")}</Badge> <RelativeTime iso={user.disabledAt} locale={locale} />
                </>
              ) : (
                t("admin.user.active")
              )}
            </Item>
            <Item label={t("admin.users.col.lastSignIn")}>
              <RelativeTime iso={user.lastSignInAt} locale={locale} never={t("common.never")} />
            </Item>
            <Item label={t("admin.user.sessions")}>
              {user.sessions.length}
              <ul className={`mt-1 space-y-0.5 text-xs ${muted}`}>
                {user.sessions.slice(0, 10).map((s) => (
                  <li key={s.id}>
                    {s.ip ?? "?"} · {(s.userAgent ?? "").slice(0, 60)} · <RelativeTime iso={s.lastSeenAt ?? s.createdAt} locale={locale} />
                  </li>
                ))}
              </ul>
            </Item>
            <Item label={t("admin.user.tokens")}>
              {user.tokens.length}
              <ul className={`mt-1 space-y-0.5 text-xs ${muted}`}>
                {user.tokens.map((tok) => (
                  <li key={tok.id}>
                    {tok.name} · <span className="font-mono">{tok.prefix}…</span> ·{" "}
                    <RelativeTime iso={tok.lastUsedAt} locale={locale} never={t("common.never")} />
                  </li>
                ))}
              </ul>
            </Item>
          </dl>
        </Card>
        <Card aria-labelledby="user-usage-heading" className="lg:col-span-2">
          <h2 id="user-usage-heading" className="text-base font-semibold">
            {t("admin.user.usage", { runs: user.usage.totals.runs, cost: user.usage.totals.costUsd.toFixed(2) })}
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {user.usage.data.map((row) => (
              <li key={row.key ?? "unknown"} className="flex justify-between gap-4">
                <span className="font-mono">{row.key ?? "—"}</span>
                <span className="tabular-nums">
                  {row.runs} · {(row.inputTokens + row.outputTokens).toLocaleString(locale)} tokens · ${row.costUsd.toFixed(2)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <ManageUser target={{ id: user.id, email: user.email, role: user.role, plan: user.plan, disabled: user.disabledAt !== null }} />
    </>
  );
}
