import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { listQuerySchema } from "@/lib/admin/pagination";
import { listUsers } from "@/lib/admin/users";
import { getPreferences, getT } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/time";
import { Pager, pageHref } from "../pager";
import { Badge, DataTable, headRow, link, muted, row, td, th } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.users.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const { q, cursor } = listQuerySchema.parse(await searchParams);
  const page = await listUsers(admin, { q, cursor });
  const columns = ["email", "name", "role", "plan", "created", "lastSignIn"] as const;

  return (
    <>
      <PageHeader title={t("admin.users.title")} description={t("admin.users.description")} />
      <Form action="/admin/users" role="search" className="mb-4 flex flex-wrap items-center gap-2">
        <label htmlFor="user-search" className="sr-only">
          {t("admin.users.searchLabel")}
        </label>
        <input
          id="user-search"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={200}
          placeholder={t("admin.users.searchPlaceholder")}
          className={`${inputClass} min-w-0 flex-1 sm:max-w-xs`}
        />
        <Button type="submit" variant="secondary">
          {t("common.search")}
        </Button>
        {q && (
          <Link href="/admin/users" className={link}>
            {t("admin.users.clearSearch")}
          </Link>
        )}
      </Form>
      <p className={`mb-2 text-sm ${muted}`}>
        {q ? t("admin.users.matching", { q, count: page.total }) : t("admin.users.total", { count: page.total })}
      </p>

      {page.data.length === 0 ? (
        <p className={`rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm dark:border-zinc-700 ${muted}`}>
          {q ? t("admin.users.noMatch", { q }) : t("admin.users.empty")}
        </p>
      ) : (
        <DataTable id="users" caption={t("admin.users.caption")}>
          <thead className={headRow}>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className={th}>
                  {t(`admin.users.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.data.map((u) => (
              <tr key={u.id} className={row}>
                <th scope="row" className={`${td} text-left font-normal`}>
                  <Link href={`/admin/users/${u.id}`} className={link}>
                    {u.email}
                  </Link>{" "}
                  {u.disabledAt && <Badge tone="danger">{t("admin.users.disabled")}</Badge>}
                </th>
                <td className={td}>{u.name || <span className={muted}>—</span>}</td>
                <td className={td}>
                  <Badge tone={u.role === "admin" ? "accent" : "neutral"}>{t(`role.${u.role}`)}</Badge>
                </td>
                <td className={td}>{t(`billing.plan.${u.plan}`)}</td>
                <td className={td}>
                  <RelativeTime iso={u.createdAt} locale={locale} />
                </td>
                <td className={td}>
                  <RelativeTime iso={u.lastSignInAt} locale={locale} never={t("common.never")} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager
        prevHref={page.prev && pageHref("/admin/users", { q, cursor: page.prev.cursor })}
        nextHref={page.nextCursor && pageHref("/admin/users", { q, cursor: page.nextCursor })}
      />
    </>
  );
}
