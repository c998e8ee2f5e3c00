import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DialogButton } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/time";
import { paginationQuery } from "@/lib/api/schemas";
import { requireUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getPreferences, getT } from "@/lib/i18n/server";
import { listProjects, presentProjects } from "@/lib/projects/projects";
import { ProjectCreateForm } from "./_components/project-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("project.list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProjectsPage({ searchParams }: Props) {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const { cursor } = await searchParams;
  const query = paginationQuery.safeParse({ cursor: typeof cursor === "string" ? cursor : undefined });
  const { data: projects, nextCursor } = await presentProjects(user, await listProjects(user.id, query.success ? query.data : { limit: 25 }));
  const firstPage = query.success && query.data.cursor;

  return (
    <>
      <PageHeader
        title={t("project.list.title")}
        description={t("project.list.description")}
        actions={
          <DialogButton wide label={t("project.list.new")} title={t("project.create.title")}>
            <ProjectCreateForm roots={config().projectRoots} isAdmin={user.role === "admin"} />
          </DialogButton>
        }
      />
      <div className="space-y-6">
        {projects.length === 0 && !firstPage ? (
          <EmptyState title={t("project.list.emptyTitle")} description={t("project.list.emptyBody")} />
        ) : (
          <section aria-labelledby="project-list-heading">
            <h2 id="project-list-heading" className="sr-only">
              {t("project.list.label")}
            </h2>
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {projects.map((project) => (
                <li key={project.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <Link href={`/projects/${project.id}`} className="font-medium break-words text-indigo-600 hover:underline dark:text-indigo-400">
                      {project.name}
                    </Link>
                    <p className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={project.path}>
                      {project.path}
                    </p>
                  </div>
                  <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                    {project.detachedFrom ? t("project.detached.badge") : project.isWorkspace ? t("project.kind.workspace") : t("project.kind.folder")}
                  </span>
                  <span className="text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                    <RelativeTime iso={project.createdAt} locale={locale} />
                  </span>
                </li>
              ))}
            </ul>
            {(firstPage || nextCursor) && (
              <nav aria-label={t("project.list.pagination")} className="mt-4 flex justify-between gap-2">
                {firstPage ? (
                  <Link href="/projects" className={buttonClass("secondary")}>
                    <span aria-hidden>←</span> {t("project.list.firstPage")}
                  </Link>
                ) : (
                  <span />
                )}
                {nextCursor && (
                  <Link href={`/projects?cursor=${encodeURIComponent(nextCursor)}`} rel="next" className={buttonClass("secondary")}>
                    {t("common.next")} <span aria-hidden>→</span>
                  </Link>
                )}
              </nav>
            )}
          </section>
        )}

      </div>
    </>
  );
}
