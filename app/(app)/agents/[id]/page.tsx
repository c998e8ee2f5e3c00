import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { getAgent } from "@/lib/agents/agents";
import type { AgentView } from "@/lib/agents/schemas";
import { requireUser } from "@/lib/auth/current-user";
import { listMcpServers } from "@/lib/mcp/servers";
import { AppError } from "@/lib/errors";
import { getPreferences, getT } from "@/lib/i18n/server";
import { deleteAgentAction, updateAgentAction } from "../actions";
import { AgentForm } from "../_components/agent-form";
import { AgentIcon } from "../_components/agent-icon";
import { ConfirmDelete } from "@/components/ui/confirm-delete";

type Props = { params: Promise<{ id: string }> };

/** The signed-in user's agent, or the 404 page (also for anyone else's id). */
async function load(id: string): Promise<AgentView> {
  const user = await requireUser();
  try {
    return await getAgent(user.id, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const agent = await getAgent(user.id, (await params).id).catch(() => null);
  return { title: agent?.name ?? (await getT())("agent.list.title") };
}

export default async function AgentPage({ params }: Props) {
  const agent = await load((await params).id);
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/agents" className="text-indigo-600 hover:underline dark:text-indigo-400">
          <span aria-hidden>←</span> {t("agent.detail.back")}
        </Link>
      </p>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-center gap-3">
          <AgentIcon icon={agent.icon} />
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{agent.name}</h1>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {agent.executor !== "script" && (
                <>
                  <span className="font-mono">{agent.model}</span> ·{" "}
                </>
              )}
              {t(`agent.executor.${agent.executor}`)} · {t(`agent.type.${agent.type}`)} ·{" "}
              {t("agent.detail.updated")} <RelativeTime iso={agent.updatedAt} locale={locale} />
            </p>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
        <Link href={`/chat?agentId=${agent.id}`} className={buttonClass("primary")}>
          {t("chat.startHere")}
        </Link>
        <a
          href={`/api/v1/agents/${agent.id}/export`}
          download
          aria-label={t("agent.export.label", { name: agent.name })}
          className={buttonClass("secondary")}
        >
          {t("agent.export.button")}
        </a>
        </div>
      </header>
      <div className="space-y-6">
        <Card aria-labelledby="agent-settings-heading">
          <h2 id="agent-settings-heading" className="mb-4 text-base font-semibold">
            {t("agent.edit.title")}
          </h2>
          <AgentForm action={updateAgentAction} agent={agent} submitLabel={t("agent.edit.submit")} mcpServers={await listMcpServers(user.id)} />
        </Card>
        <Card>
          <ConfirmDelete
            action={deleteAgentAction}
            id={agent.id}
            label={t("agent.delete.button")}
            question={t("agent.delete.confirmTitle", { name: agent.name })}
            body={t("agent.delete.body")}
            confirmLabel={t("agent.delete.confirm")}
          />
        </Card>
      </div>
    </>
  );
}
