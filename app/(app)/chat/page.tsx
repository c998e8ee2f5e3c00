import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { DataTable, headRow, link, muted, row, td, th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ImportSessionForm, NewConversationForm } from "@/components/chat/chat-forms";
import { listAgents } from "@/lib/agents/agents";
import { requireUser } from "@/lib/auth/current-user";
import { listConversations } from "@/lib/conversations/conversations";
import { conversationListQuery } from "@/lib/conversations/schemas";
import { getPreferences, getT } from "@/lib/i18n/server";
import { listProjects } from "@/lib/projects/projects";
import { createConversationAction, importSessionAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("chat.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The user's conversations: search by title, filter by agent and project, newest activity first; start or import one. */
export default async function ChatListPage({ searchParams }: Props) {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = conversationListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : conversationListQuery.parse({});
  const [page, agents, projects] = await Promise.all([listConversations(user.id, query), listAgents(user.id, { limit: 100 }), listProjects(user.id, { limit: 100 })]);
  const agentOptions = agents.data.map((a) => ({ value: a.id, label: a.name }));
  const projectOptions = projects.data.map((p) => ({ value: p.id, label: p.name }));
  const filtered = Boolean(query.q || query.agentId || query.projectId || query.cursor);
  const nextHref = page.nextCursor ? `/chat?${new URLSearchParams({ ...raw, cursor: page.nextCursor })}` : null;

  return (
    <>
      <PageHeader title={t("chat.title")} description={t("chat.description")} />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card aria-labelledby="new-chat-heading">
            <h2 id="new-chat-heading" className="mb-4 text-base font-semibold">
              {t("chat.new.heading")}
            </h2>
            {agentOptions.length && projectOptions.length ? (
              <NewConversationForm action={createConversationAction} agents={agentOptions} projects={projectOptions} agentId={raw.agentId} projectId={raw.projectId} />
            ) : (
              <p className="text-sm">
                <Link href={agentOptions.length ? "/projects" : "/agents"} className={link}>
                  {t(agentOptions.length ? "chat.new.needProject" : "chat.new.needAgent")}
                </Link>
              </p>
            )}
          </Card>
          <Card aria-labelledby="import-chat-heading">
            <h2 id="import-chat-heading" className="mb-1 text-base font-semibold">
              {t("chat.import.heading")}
            </h2>
            <p className={`${muted} mb-4 text-sm`}>{t("chat.import.hint")}</p>
            {projectOptions.length > 0 && <ImportSessionForm action={importSessionAction} agents={agentOptions} projects={projectOptions} />}
          </Card>
        </div>

        <form role="search" aria-label={t("chat.filter.heading")} className="flex flex-wrap items-end gap-3">
          <Field label={t("chat.filter.search")} name="q" type="search" defaultValue={query.q ?? ""} />
          <SelectField label={t("chat.new.agent")} name="agentId" defaultValue={query.agentId ?? ""} options={[{ value: "", label: t("runs.filter.any") }, ...agentOptions]} />
          <SelectField label={t("chat.new.project")} name="projectId" defaultValue={query.projectId ?? ""} options={[{ value: "", label: t("runs.filter.any") }, ...projectOptions]} />
          <Button type="submit" variant="secondary">
            {t("runs.filter.submit")}
          </Button>
          {filtered && (
            <Link href="/chat" className={buttonClass("ghost")}>
              {t("runs.filter.clear")}
            </Link>
          )}
        </form>

        {page.data.length === 0 ? (
          filtered ? (
            <p className={muted}>{t("chat.empty.filtered")}</p>
          ) : (
            <EmptyState title={t("chat.empty.title")} description={t("chat.empty.body")} />
          )
        ) : (
          <DataTable id="conversations" caption={t("chat.table.caption")}>
            <thead className={headRow}>
              <tr>
                {["title", "agent", "project", "activity"].map((c) => (
                  <th key={c} scope="col" className={th}>
                    {t(`chat.table.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.data.map((c) => (
                <tr key={c.id} className={row}>
                  <td className={`${td} max-w-md truncate`}>
                    <Link href={`/chat/${c.id}`} className={link}>
                      {c.title || t("chat.untitled")}
                    </Link>
                    {c.status === "running" && <span className="ml-2 text-xs text-sky-700 dark:text-sky-300">{t("chat.status.running")}</span>}
                  </td>
                  <td className={td}>{c.agentName ?? <span className={muted}>{t("runs.deletedAgent")}</span>}</td>
                  <td className={td}>{c.projectName ?? "—"}</td>
                  <td className={td}>
                    <RelativeTime iso={c.updatedAt} locale={locale} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {nextHref && (
          <Link href={nextHref} className={buttonClass("secondary")}>
            {t("chat.next")}
          </Link>
        )}
      </div>
    </>
  );
}
