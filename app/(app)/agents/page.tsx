import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DialogButton } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/time";
import { listAgents } from "@/lib/agents/agents";
import { paginationQuery } from "@/lib/api/schemas";
import { requireUser } from "@/lib/auth/current-user";
import { listMcpServers } from "@/lib/mcp/servers";
import { getPreferences, getT } from "@/lib/i18n/server";
import { createAgentAction } from "./actions";
import { AgentForm } from "./_components/agent-form";
import { AgentIcon } from "./_components/agent-icon";
import { ImportForm } from "./_components/import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("agent.list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgentsPage({ searchParams }: Props) {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const { cursor } = await searchParams;
  const query = paginationQuery.safeParse({ cursor: typeof cursor === "string" ? cursor : undefined });
  const { data: agents, nextCursor } = await listAgents(user.id, query.success ? query.data : { limit: 25 });
  const firstPage = query.success && query.data.cursor;

  return (
    <>
      <PageHeader
        title={t("agent.list.title")}
        description={t("agent.list.description")}
        actions={
          <div className="flex flex-wrap gap-2">
            <DialogButton variant="secondary" label={t("agent.list.import")} title={t("agent.import.title")} description={t("agent.import.description")}>
              <ImportForm />
            </DialogButton>
            <DialogButton wide label={t("agent.list.new")} title={t("agent.create.title")}>
              <AgentForm action={createAgentAction} submitLabel={t("agent.create.submit")} mcpServers={await listMcpServers(user.id)} />
            </DialogButton>
          </div>
        }
      />
      <div className="space-y-6">
        {agents.length === 0 && !firstPage ? (
          <EmptyState title={t("agent.list.emptyTitle")} description={t("agent.list.emptyBody")} />
        ) : (
          <section aria-labelledby="agent-list-heading">
            <h2 id="agent-list-heading" className="sr-only">
              {t("agent.list.label")}
            </h2>
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {agents.map((agent) => (
                <li key={agent.id} className="flex items-center gap-3 px-4 py-3">
                  <AgentIcon icon={agent.icon} />
                  <div className="min-w-0 flex-1">
                    <Link href={`/agents/${agent.id}`} className="font-medium break-words text-indigo-600 hover:underline dark:text-indigo-400">
                      {agent.name}
                    </Link>
                    <p className="text-xs text-zinc-600 dark:text-zinc-400">
                      {agent.executor !== "script" && <><span className="font-mono">{agent.model}</span> · </>}{t(`agent.executor.${agent.executor}`)} · {t(`agent.type.${agent.type}`)}
                    </p>
                  </div>
                  <span className="hidden text-xs whitespace-nowrap text-zinc-600 sm:inline dark:text-zinc-400">
                    {t("agent.detail.updated")} <RelativeTime iso={agent.updatedAt} locale={locale} />
                  </span>
                </li>
              ))}
            </ul>
            {(firstPage || nextCursor) && (
              <nav aria-label={t("agent.list.pagination")} className="mt-4 flex justify-between gap-2">
                {firstPage ? (
                  <Link href="/agents" className={buttonClass("secondary")}>
                    <span aria-hidden>←</span> {t("agent.list.firstPage")}
                  </Link>
                ) : (
                  <span />
                )}
                {nextCursor && (
                  <Link href={`/agents?cursor=${encodeURIComponent(nextCursor)}`} rel="next" className={buttonClass("secondary")}>
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
