import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { listQuerySchema } from "@/lib/admin/pagination";
import { listAuditEntries, type AuditRow } from "@/lib/admin/users";
import { getPreferences, getT } from "@/lib/i18n/server";
import type { TranslateFn } from "@/lib/i18n/translate";
import { PageHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { Pager, pageHref } from "../pager";
import { DataTable, headRow, link, muted, row, td, th } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.audit.title") };
}

/** A user cell: their email linking to them, "Deleted user" once they are gone, else a dash or the email they tried. */
function UserCell({ id, email, fallback, t }: { id: string | null; email: string | null; fallback?: unknown; t: TranslateFn }) {
  if (id && email)
    return (
      <Link href={`/admin/users/${id}`} className={link}>
        {email}
      </Link>
    );
  if (id) return <span className={muted}>{t("admin.audit.deletedUser")}</span>;
  return <span className={muted}>{typeof fallback === "string" ? fallback : "—"}</span>;
}

function actionLabel(t: TranslateFn, entry: AuditRow) {
  const key = `admin.audit.action.${entry.action}`;
  return t(key) === key ? entry.action : t(key);
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminAuditPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const { cursor } = listQuerySchema.parse(await searchParams);
  const page = await listAuditEntries(admin, { cursor });
  const columns = ["when", "who", "what", "whom", "ip"] as const;

  return (
    <>
      <PageHeader title={t("admin.audit.title")} description={t("admin.audit.description")} />
      {page.data.length === 0 ? (
        <p className={`rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm dark:border-zinc-700 ${muted}`}>
          {t("admin.audit.empty")}
        </p>
      ) : (
        <DataTable id="audit" caption={t("admin.audit.caption")}>
          <thead className={headRow}>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className={th}>
                  {t(`admin.audit.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.data.map((e) => (
              <tr key={e.id} className={row}>
                <th scope="row" className={`${td} text-left font-normal`}>
                  <RelativeTime iso={e.createdAt} locale={locale} />
                </th>
                <td className={td}>
                  <UserCell id={e.actorId} email={e.actorEmail} t={t} />
                </td>
                <td className={td}>
                  {actionLabel(t, e)} <code className={`ml-1 text-xs ${muted}`}>{e.action}</code>
                </td>
                <td className={td}>
                  <UserCell id={e.targetUserId} email={e.targetEmail} fallback={e.detail?.email} t={t} />
                </td>
                <td className={`${td} font-mono text-xs`}>{e.ip ?? <span className={muted}>—</span>}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager
        prevHref={page.prev && pageHref("/admin/audit", { cursor: page.prev.cursor })}
        nextHref={page.nextCursor && pageHref("/admin/audit", { cursor: page.nextCursor })}
      />
    </>
  );
}
