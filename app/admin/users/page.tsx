import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { z } from "zod";
import { PLANS, ROLES } from "@/lib/domain";
import { requireAdmin } from "@/lib/auth/current-user";
import { listQuerySchema } from "@/lib/admin/pagination";
import { listUsers, USER_SORTS } from "@/lib/admin/users";
import { getPreferences, getT } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/time";
import { Pager, pageHref } from "../_components/pager";
import { Badge, DataTable, headRow, link, muted, row, td, th } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.users.title") };
}

// Cursors of the non-creation sorts are opaque base64url tokens, not ids; listUsers ignores a bad one.
const usersQuerySchema = listQuerySchema.extend({
  cursor: z
    .string()
    .max(1000)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  plan: z.enum(PLANS).optional().catch(undefined),
  disabled: z.enum(["yes", "no"]).optional().catch(undefined),
  sort: z.enum(USER_SORTS).optional().catch(undefined),
});

const selectClass = `${inputClass} w-auto`;
const labelClass = "block text-sm font-medium";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const { q, cursor, role, plan, disabled, sort } = usersQuerySchema.parse(await searchParams);
  const page = await listUsers(admin, { q, cursor, role, plan, disabled, sort });
  const filtered = Boolean(role || plan || disabled);
  // The default sort is left out of links, and does not count as a filter to clear.
  const sorted = sort === "created_desc" ? undefined : sort;
  const kept = { q, role, plan, disabled, sort: sorted };
  const columns = ["email", "name", "role", "plan", "created", "lastSignIn"] as const;

  return (
    <>
      <PageHeader title={t("admin.users.title")} description={t("admin.users.description")} />
      <Form action="/admin/users" role="search" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 sm:max-w-xs">
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
            className={`${inputClass} w-full`}
          />
        </div>
        <div>
          <label htmlFor="user-role" className={labelClass}>
            {t("admin.users.roleLabel")}
          </label>
          <select id="user-role" name="role" defaultValue={role ?? ""} className={selectClass}>
            <option value="">{t("admin.users.allRoles")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="user-plan" className={labelClass}>
            {t("admin.users.planLabel")}
          </label>
          <select id="user-plan" name="plan" defaultValue={plan ?? ""} className={selectClass}>
            <option value="">{t("admin.users.allPlans")}</option>
            {PLANS.map((p) => (
              <option key={p} value={p}>
                {t(`billing.plan.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="user-status" className={labelClass}>
            {t("admin.users.statusLabel")}
          </label>
          <select id="user-status" name="disabled" defaultValue={disabled ?? ""} className={selectClass}>
            <option value="">{t("admin.users.allStatuses")}</option>
            <option value="no">{t("admin.users.status.no")}</option>
            <option value="yes">{t("admin.users.status.yes")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="user-sort" className={labelClass}>
            {t("admin.users.sortLabel")}
          </label>
          <select id="user-sort" name="sort" defaultValue={sort ?? "created_desc"} className={selectClass}>
            {USER_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`admin.users.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("common.search")}
        </Button>
        {(q || filtered || sorted) && (
          <Link href="/admin/users" className={`${link} py-2 text-sm`}>
            {filtered || sorted ? t("admin.users.clearFilters") : t("admin.users.clearSearch")}
          </Link>
        )}
      </Form>
      <p className={`mb-2 text-sm ${muted}`}>
        {q
          ? t("admin.users.matching", { q, count: page.total })
          : filtered
            ? t("admin.users.filtered", { count: page.total })
            : t("admin.users.total", { count: page.total })}
      </p>

      {page.data.length === 0 ? (
        <p className={`rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm dark:border-zinc-700 ${muted}`}>
          {q ? t("admin.users.noMatch", { q }) : filtered ? t("admin.users.noMatchFilters") : t("admin.users.empty")}
        </p>
      ) : (
        <DataTable
          id="users"
          caption={
            sorted
              ? t("admin.users.captionSorted", { sort: t(`admin.users.sort.${sorted}`) })
              : t("admin.users.caption")
          }
        >
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
        prevHref={page.prev && pageHref("/admin/users", { ...kept, cursor: page.prev.cursor })}
        nextHref={page.nextCursor && pageHref("/admin/users", { ...kept, cursor: page.nextCursor })}
      />
    </>
  );
}
