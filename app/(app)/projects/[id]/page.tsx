import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getPreferences, getT } from "@/lib/i18n/server";
import { getProject, presentProject } from "@/lib/projects/projects";
import type { ProjectView } from "@/lib/projects/schemas";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { deleteProjectAction } from "../actions";
import { ProjectSettingsForm } from "./_components/project-settings-form";
import { AttachProjectForm } from "./_components/attach-project-form";

type Props = { params: Promise<{ id: string }> };

/** The signed-in user's project, or the 404 page (also for anyone else's id). */
async function load(id: string): Promise<ProjectView> {
  const user = await requireUser();
  try {
    return await presentProject(user, await getProject(user.id, id));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const project = await getProject(user.id, (await params).id).catch(() => null);
  return { title: project?.name ?? (await getT())("project.list.title") };
}

export default async function ProjectPage({ params }: Props) {
  const project = await load((await params).id);
  const t = await getT();
  const { locale } = await getPreferences();
  const rows: Array<[string, React.ReactNode]> = [
    [t("project.detail.folder"), <span key="path" className="font-mono break-all">{project.path}</span>],
    [t("project.detail.kind"), project.isWorkspace ? t("project.kind.workspaceLong") : t("project.kind.folderLong")],
    [t("project.detail.repoUrl"), project.repoUrl ? <span className="break-all">{project.repoUrl}</span> : t("project.detail.none")],
    [t("project.detail.created"), <RelativeTime key="created" iso={project.createdAt} locale={locale} />],
    [t("project.detail.updated"), <RelativeTime key="updated" iso={project.updatedAt} locale={locale} />],
  ];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/projects" className="text-indigo-600 hover:underline dark:text-indigo-400">
          <span aria-hidden>←</span> {t("project.detail.back")}
        </Link>
      </p>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{project.name}</h1>
        <Link href={`/chat?projectId=${project.id}`} className={buttonClass("primary")}>
          {t("chat.startOnProject")}
        </Link>
      </header>
      <div className="space-y-6">
        {project.detachedFrom && (
          <Card aria-labelledby="detached-heading" data-detached>
            <h2 id="detached-heading" className="mb-1 text-base font-semibold">
              {t("project.detached.heading")}
            </h2>
            <p className="mb-4 text-sm">{t("project.detached.body", { path: project.detachedFrom })}</p>
            <AttachProjectForm projectId={project.id} />
          </Card>
        )}
        <Card>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card aria-labelledby="project-settings-heading">
          <h2 id="project-settings-heading" className="mb-4 text-base font-semibold">
            {t("project.edit.title")}
          </h2>
          <ProjectSettingsForm project={project} />
        </Card>
        <Card>
          <ConfirmDelete
            action={deleteProjectAction}
            id={project.id}
            label={t("project.delete.button")}
            question={t("project.delete.confirmTitle", { name: project.name })}
            body={project.isWorkspace ? t("project.delete.workspaceBody") : t("project.delete.folderBody", { path: project.path })}
            confirmLabel={t("project.delete.confirm")}
          />
        </Card>
      </div>
    </>
  );
}
