import type { Metadata } from "next";
import Link from "next/link";
import { RUN_STATUSES } from "@/lib/domain";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DialogButton } from "@/components/ui/dialog";
import { FilterForm } from "@/components/ui/filter-form";
import { SelectField } from "@/components/ui/field";
import { Button, buttonClass } from "@/components/ui/button";
import { DataTable, headRow, link, muted, row, td, th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { StatusBadge } from "@/components/runs/run-view";
import { RunSourceBadge } from "@/components/runs/run-source-badge";
import { runTitle } from "@/lib/runs/title";
import { listAgents } from "@/lib/agents/agents";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { listProjects } from "@/lib/projects/projects";
import { listRuns } from "@/lib/runs/lifecycle";
import { runListQuery } from "@/lib/runs/schemas";
import { StartRunForm } from "./_components/start-run-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("runs.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function duration(startedAt: string | null, completedAt: string | null): string {
  if (!startedAt || !completedAt) return "—";
  const s = Math.max(0, Math.round((Date.parse(completedAt) - Date.parse(startedAt)) / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}

export default async function RunsPage({ searchParams }: Props) {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = runListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : runListQuery.parse({});
  const [runs, agents, projects] = await Promise.all([
    listRuns(user.id, query),
    listAgents(user.id, { limit: 100 }),
    listProjects(user.id, { limit: 100 }),
  ]);
  const canStart = agents.data.length > 0 && projects.data.length > 0;
  const filtered = Boolean(query.status || query.agentId || query.projectId || query.cursor);
  const nextHref = runs.nextCursor ? `/runs?${new URLSearchParams({ ...raw, cursor: runs.nextCursor } as Record<string, string>)}` : null;

  return (
    <>
      <PageHeader
        title={t("runs.title")}
        description={t("runs.description")}
        actions={
          canStart && (
            <DialogButton wide label={t("runs.new")} title={t("runs.start.heading")}>
              <StartRunForm
                agents={agents.data.map((a) => ({ id: a.id, name: a.name, model: a.model, executor: a.executor, defaultTask: a.defaultTask }))}
                projects={projects.data.map((p) => ({ id: p.id, name: p.name }))}
              />
            </DialogButton>
          )
        }
      />
      <div className="space-y-6">
        {!canStart && (
          <p className="text-sm">
            {agents.data.length === 0 && (
              <Link href="/agents" className={link}>
                {t("runs.start.needAgent")}
              </Link>
            )}{" "}
            {projects.data.length === 0 && (
              <Link href="/projects" className={link}>
                {t("runs.start.needProject")}
              </Link>
            )}
          </p>
        )}
        <FilterForm
          // Remade when the URL's filters change (Clear, back), so each select shows what the list shows.
          key={[query.status, query.agentId, query.projectId].join("/")}
          action="/runs"
          label={t("runs.filter.heading")}
          className="flex flex-wrap items-end gap-3"
        >
          <SelectField
            label={t("runs.filter.status")}
            name="status"
            defaultValue={query.status ?? ""}
            options={[{ value: "", label: t("runs.filter.any") }, ...RUN_STATUSES.map((s) => ({ value: s, label: t(`run.status.${s}`) }))]}
          />
          <SelectField
            label={t("runs.table.agent")}
            name="agentId"
            defaultValue={query.agentId ?? ""}
            options={[{ value: "", label: t("runs.filter.any") }, ...agents.data.map((a) => ({ value: a.id, label: a.name }))]}
          />
          <SelectField
            label={t("runs.table.project")}
            name="projectId"
            defaultValue={query.projectId ?? ""}
            options={[{ value: "", label: t("runs.filter.any") }, ...projects.data.map((p) => ({ value: p.id, label: p.name }))]}
          />
          <noscript>
            <Button type="submit" variant="secondary">
              {t("runs.filter.submit")}
            </Button>
          </noscript>
          {filtered && (
            <Link href="/runs" className={buttonClass("ghost")}>
              {t("runs.filter.clear")}
            </Link>
          )}
        </FilterForm>

        {runs.data.length === 0 ? (
          filtered ? (
            <p className={muted}>{t("runs.empty.filtered")}</p>
          ) : (
            <EmptyState title={t("runs.empty.title")} description={t("runs.empty.body")} />
          )
        ) : (
          <DataTable id="runs" caption={t("runs.table.caption")}>
            <thead className={headRow}>
              <tr>
                {["status", "task", "source", "agent", "project", "created", "duration", "cost"].map((c) => (
                  <th key={c} scope="col" className={th}>
                    {t(`runs.table.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} className={row}>
                  <td className={td}>
                    <StatusBadge status={r.status} label={t(`run.status.${r.status}`)} />
                  </td>
                  <td className={`${td} max-w-md truncate`}>
                    <Link href={`/runs/${r.id}`} className={link}>
                      {runTitle(r) || t("run.title")}
                    </Link>
                  </td>
                  <td className={td}>
                    <RunSourceBadge run={r} t={t} />
                  </td>
                  <td className={td}>{r.agentName ?? <span className={muted}>{t("runs.deletedAgent")}</span>}</td>
                  <td className={td}>{r.projectName}</td>
                  <td className={td}>
                    <RelativeTime iso={r.createdAt} locale={locale} />
                  </td>
                  <td className={`${td} tabular-nums`}>{duration(r.startedAt, r.completedAt)}</td>
                  <td className={`${td} tabular-nums`}>{r.costUsd > 0 ? `$${r.costUsd.toFixed(4)}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {(nextHref || query.cursor) && (
          <nav aria-label={t("admin.pagination")} className="flex justify-between text-sm">
            {query.cursor ? (
              <Link href="/runs" className={link}>
                {t("runs.first")}
              </Link>
            ) : (
              <span />
            )}
            {nextHref && (
              <Link href={nextHref} className={link}>
                {t("runs.next")}
              </Link>
            )}
          </nav>
        )}
      </div>
    </>
  );
}
