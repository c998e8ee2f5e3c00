import type { Metadata } from "next";
import Link from "next/link";
import { IDEA_STATUSES } from "@/lib/domain";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DialogButton } from "@/components/ui/dialog";
import { Button, buttonClass } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { SelectField } from "@/components/ui/field";
import { DataTable, headRow, link, muted, row, td, th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { IdeaStatusBadge } from "@/components/ideas/idea-status-badge";
import { NewIdeaForm } from "@/components/ideas/new-idea-form";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { listIdeas } from "@/lib/ideas/ideas";
import { ideaListQuery } from "@/lib/ideas/schemas";
import { listProjects } from "@/lib/projects/projects";
import { createIdeaAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("ideas.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Drop ideas in, and find them again by project and status. Each opens at /ideas/[id]. */
export default async function IdeasPage({ searchParams }: Props) {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = ideaListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ideaListQuery.parse({});
  const [ideas, projects] = await Promise.all([listIdeas(user.id, query), listProjects(user.id, { limit: 100 })]);
  const filtered = Boolean(query.status || query.projectId || query.cursor);
  const nextHref = ideas.nextCursor ? `/ideas?${new URLSearchParams({ ...raw, cursor: ideas.nextCursor })}` : null;

  return (
    <>
      <PageHeader
        title={t("ideas.title")}
        description={t("ideas.description")}
        actions={
          projects.data.length === 0 ? (
            <Link href="/projects" className={`${link} text-sm`}>
              {t("idea.new.needProject")}
            </Link>
          ) : (
            <DialogButton wide label={t("idea.new.button")} title={t("idea.new.heading")}>
              <NewIdeaForm action={createIdeaAction} projects={projects.data.map((p) => ({ id: p.id, name: p.name }))} projectId={query.projectId} />
            </DialogButton>
          )
        }
      />
      <div className="space-y-6">
        <FilterForm
          // Remade when the URL's filters change (Clear, back), so each select shows what the list shows.
          key={[query.projectId, query.status].join("/")}
          action="/ideas"
          label={t("idea.filter.heading")}
          className="flex flex-wrap items-end gap-3"
        >
          <SelectField
            label={t("idea.filter.project")}
            name="projectId"
            defaultValue={query.projectId ?? ""}
            options={[{ value: "", label: t("idea.filter.any") }, ...projects.data.map((p) => ({ value: p.id, label: p.name }))]}
          />
          <SelectField
            label={t("idea.filter.status")}
            name="status"
            defaultValue={query.status ?? ""}
            options={[{ value: "", label: t("idea.filter.any") }, ...IDEA_STATUSES.map((s) => ({ value: s, label: t(`idea.status.${s}`) }))]}
          />
          <noscript>
            <Button type="submit" variant="secondary">
              {t("idea.filter.submit")}
            </Button>
          </noscript>
          {filtered && (
            <Link href="/ideas" className={buttonClass("ghost")}>
              {t("idea.filter.clear")}
            </Link>
          )}
        </FilterForm>

        {ideas.data.length === 0 ? (
          filtered ? (
            <p className={muted}>{t("idea.empty.filtered")}</p>
          ) : (
            <EmptyState title={t("idea.empty.title")} description={t("idea.empty.body")} />
          )
        ) : (
          <DataTable id="ideas" caption={t("idea.list.caption")}>
            <thead className={headRow}>
              <tr>
                {["status", "title", "project", "priority", "source", "created"].map((c) => (
                  <th key={c} scope="col" className={th}>
                    {t(`idea.list.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ideas.data.map((idea) => (
                <tr key={idea.id} className={row}>
                  <td className={td}>
                    <IdeaStatusBadge status={idea.status} label={t(`idea.status.${idea.status}`)} />
                  </td>
                  <td className={`${td} max-w-md truncate`}>
                    <Link href={`/ideas/${idea.id}`} className={link}>
                      {idea.title}
                    </Link>
                  </td>
                  <td className={td}>{idea.projectName}</td>
                  <td className={td}>{t(`idea.priority.${Math.min(3, Math.max(0, idea.priority))}`)}</td>
                  <td className={td}>{t(`idea.source.${idea.source}`)}</td>
                  <td className={td}>
                    <RelativeTime iso={idea.createdAt} locale={locale} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {(nextHref || query.cursor) && (
          <nav aria-label={t("admin.pagination")} className="flex justify-between text-sm">
            {query.cursor ? (
              <Link href="/ideas" className={link}>
                {t("idea.list.first")}
              </Link>
            ) : (
              <span />
            )}
            {nextHref && (
              <Link href={nextHref} className={link}>
                {t("idea.list.next")}
              </Link>
            )}
          </nav>
        )}
      </div>
    </>
  );
}
