"use client";
import { Pencil } from "lucide-react";
import { useState } from "react";
import { Markdown } from "@/components/chat/markdown";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import type { TaskView } from "@/lib/tasks/schemas";
import { STATUS_DOT } from "./board-column";
import { PriorityBadge } from "./priority-badge";
import { TaskDetailsForm } from "./task-details-form";

type Props = {
  task: TaskView;
  agents: Array<{ id: string; name: string }>;
  projectName: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/**
 * The top of the task panel: the task as it reads (status, priority, type,
 * agent on one line; the description and spec rendered as Markdown), with
 * "Edit" turning it into the form in place and back once saved.
 */
export function TaskOverview({ task, agents, projectName, action }: Props) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const agentName = agents.find((a) => a.id === task.assignedAgentId)?.name;

  if (editing)
    return (
      <div className="space-y-2">
        <TaskDetailsForm task={task} agents={agents} action={action} onSaved={() => setEditing(false)} />
        <Button variant="ghost" onClick={() => setEditing(false)}>
          {t("board.panel.cancelEdit")}
        </Button>
      </div>
    );

  return (
    <div className="space-y-4">
      <div className="flex items-start gap-2">
        <ul aria-label={t("board.panel.properties")} className="flex flex-1 flex-wrap items-center gap-1.5 text-xs">
          <li className="inline-flex items-center gap-1.5 rounded-full border border-zinc-200 px-2 py-0.5 font-medium dark:border-zinc-700">
            <span className={cn("size-2 rounded-full", STATUS_DOT[task.status])} aria-hidden />
            {t(`board.status.${task.status}`)}
          </li>
          <li>
            <PriorityBadge priority={task.priority} />
          </li>
          <li className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{t(`board.type.${task.type}`)}</li>
          <li className="text-zinc-600 dark:text-zinc-400">{agentName ?? t("board.card.unassigned")}</li>
          <li className="text-zinc-600 dark:text-zinc-400">· {projectName}</li>
        </ul>
        <Button variant="secondary" className="shrink-0 px-2 py-1 text-xs" onClick={() => setEditing(true)} aria-label={t("board.panel.editTask")}>
          <Pencil aria-hidden className="size-3.5" />
          {t("board.panel.edit")}
        </Button>
      </div>
      <div className="text-sm">{task.description ? <Markdown text={task.description} /> : <p className="text-zinc-600 italic dark:text-zinc-400">{t("board.panel.noDescription")}</p>}</div>
      {task.spec && (
        <section aria-labelledby="panel-spec" className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <h3 id="panel-spec" className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-300">
            {t("board.field.spec")}
          </h3>
          <div className="text-sm">
            <Markdown text={task.spec} />
          </div>
        </section>
      )}
      {task.result && (
        <section aria-labelledby="panel-result" className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <h3 id="panel-result" className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-300">
            {t("board.field.result")}
          </h3>
          <div className="text-sm">
            <Markdown text={task.result} />
          </div>
        </section>
      )}
    </div>
  );
}
