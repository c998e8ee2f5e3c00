import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/current-user";
import { listQuerySchema } from "@/lib/admin/pagination";
import { listAuditActions, listAuditEntries } from "@/lib/admin/users";
import { getPreferences, getT } from "@/lib/i18n/server";
import type { TranslateFn } from "@/lib/i18n/translate";
import { PageHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/time";
import { Pager, pageHref } from "../_components/pager";
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

function actionLabel(t: TranslateFn, action: string) {
  const key = `admin.audit.action.${action}`;
  return t(key) === key ? action : t(key);
}

const auditQuerySchema = listQuerySchema.extend({
  action: z
    .string()
    .regex(/^[a-z0-9_.]{1,100}$/)
    .optional()
    .catch(undefined),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminAuditPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const { q, action, cursor } = auditQuerySchema.parse(await searchParams);
  const [page, actions] = await Promise.all([listAuditEntries(admin, { q, action, cursor }), listAuditActions(admin)]);
  const filtered = Boolean(q || action);
  const columns = ["when", "who", "what", "whom", "ip"] as const;

  return (
    <>
      <PageHeader title={t("admin.audit.title")} description={t("admin.audit.description")} />
      <Form action="/admin/audit" role="search" className="mb-4 flex flex-wrap items-center gap-2">
        <label htmlFor="audit-search" className="sr-only">
          {t("admin.audit.searchLabel")}
        </label>
        <input
          id="audit-search"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={200}
          placeholder={t("admin.audit.searchPlaceholder")}
          className={`${inputClass} min-w-0 flex-1 sm:max-w-xs`}
        />
        <label htmlFor="audit-action" className="sr-only">
          {t("admin.audit.actionLabel")}
        </label>
        <select id="audit-action" name="action" defaultValue={action ?? ""} className={`${inputClass} w-auto`}>
          <option value="">{t("admin.audit.allActions")}</option>
          {[...new Set([...actions, ...(action ? [action] : [])])].map((a) => (
            <option key={a} value={a}>
              {actionLabel(t, a)}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary">
          {t("common.search")}
        </Button>
        {filtered && (
          <Link href="/admin/audit" className={link}>
            {t("admin.audit.clearFilters")}
          </Link>
        )}
      </Form>
      {page.data.length === 0 ? (
        <p className={`rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm dark:border-zinc-700 ${muted}`}>
          {filtered ? t("admin.audit.noMatch") : t("admin.audit.empty")}
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
                  {actionLabel(t, e.action)} <code className={`ml-1 text-xs ${muted}`}>{e.action}</code>
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
        prevHref={page.prev && pageHref("/admin/audit", { q, action, cursor: page.prev.cursor })}
        nextHref={page.nextCursor && pageHref("/admin/audit", { q, action, cursor: page.nextCursor })}
      />
    </>
  );
}
