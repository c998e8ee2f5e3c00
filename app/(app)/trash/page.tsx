import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { Badge, DataTable, headRow, link, muted, row, td, th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { trashListQuery } from "@/lib/trash/schemas";
import { TRASH_KINDS, type TrashKind } from "@/lib/domain";
import { listTrash, restoredItem } from "@/lib/trash/trash";
import { deleteForeverAction, restoreAction } from "./actions";
import { TrashButtons } from "./_components/trash-buttons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("trash.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** What the user deleted in the last 30 days: restore it, or delete it for good. */
export default async function TrashPage({ searchParams }: Props) {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const { cursor, restored: restoredKind, id } = await searchParams;
  const parsed = trashListQuery.safeParse({ limit: 50, cursor: typeof cursor === "string" ? cursor : undefined });
  const page = await listTrash(user.id, parsed.success ? parsed.data : { limit: 50 });
  const restored =
    TRASH_KINDS.includes(restoredKind as TrashKind) && typeof id === "string" ? await restoredItem(user.id, restoredKind as TrashKind, id.slice(0, 64)) : null;
  return (
    <>
      <PageHeader title={t("trash.title")} description={t("trash.description")} />
      {restored && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100">
          {t("trash.restored", { name: restored.name || t("trash.untitled") })}{" "}
          <Link href={restored.href} className={link}>
            {t("trash.open")}
          </Link>
        </p>
      )}
      {page.data.length === 0 ? (
        <EmptyState title={t("trash.empty.title")} description={t("trash.empty.body")} />
      ) : (
        <DataTable id="trash" caption={t("trash.table.caption")}>
          <thead className={headRow}>
            <tr>
              {["name", "kind", "deleted", "purge", "actions"].map((c) => (
                <th key={c} scope="col" className={th}>
                  {t(`trash.table.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.data.map((item) => {
              const name = item.name || t("trash.untitled");
              return (
                <tr key={`${item.kind}-${item.id}`} className={row} data-trash-id={item.id}>
                  <td className={`${td} max-w-sm truncate`}>
                    <span className="font-medium">{name}</span>
                    {item.projectName && <span className={`${muted} block text-xs`}>{t("trash.inProject", { project: item.projectName })}</span>}
                  </td>
                  <td className={td}>
                    <Badge>{t(`trash.kind.${item.kind}`)}</Badge>
                  </td>
                  <td className={td}>
                    <RelativeTime iso={item.deletedAt} locale={locale} />
                  </td>
                  <td className={td}>
                    <RelativeTime iso={item.purgeAt} locale={locale} />
                  </td>
                  <td className={td}>
                    <TrashButtons kind={item.kind} id={item.id} name={name} restore={restoreAction} remove={deleteForeverAction} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
      {page.nextCursor && (
        <Link href={`/trash?${new URLSearchParams({ cursor: page.nextCursor })}`} className={`${buttonClass("secondary")} mt-4`}>
          {t("trash.next")}
        </Link>
      )}
    </>
  );
}
