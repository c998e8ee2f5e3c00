import { TaskAttempts } from "../attempts/_components/task-attempts";
import { SubtaskList } from "@/components/board/subtask-list";
import { TaskOverview } from "@/components/board/task-overview";
import { TaskImages } from "@/components/board/task-images";
import { TaskPanelShell } from "@/components/board/task-panel-shell";
import { TaskTags } from "@/components/board/task-tags";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { getTaskDetail } from "@/lib/tasks/board";
import type { BoardOption } from "@/lib/tasks/board-options";
import {
  createSubtaskAction,
  deleteImageAction,
  deleteSubtaskAction,
  deleteTaskAction,
  moveSubtaskAction,
  setSubtaskDoneAction,
  setTaskTagsAction,
  updateTaskAction,
} from "../actions";
import { DeleteTaskButton } from "./delete-task-button";

type Props = { userId: string; taskId: string; closeHref: string; agents: BoardOption[]; tags: BoardOption[] };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="mb-2 text-sm font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-300">
        {title}
      </h3>
      {children}
    </section>
  );
}

/**
 * The side panel of /board?task=<id>: server-rendered, so a link to a card
 * opens it from anywhere. It leads with the work: the task as it reads (edit
 * in place), then the latest attempt with its live log and actions, then
 * subtasks, tags and images.
 */
export async function TaskPanel({ userId, taskId, closeHref, agents, tags }: Props) {
  const t = await getT();
  const task = await getTaskDetail(userId, taskId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!task)
    return (
      <TaskPanelShell title={t("board.panel.label")} closeHref={closeHref}>
        <p role="alert" className="text-sm">
          {t("board.panel.notFound")}
        </p>
      </TaskPanelShell>
    );

  return (
    <TaskPanelShell title={task.title} closeHref={closeHref}>
      <TaskOverview key={task.id} task={task} agents={agents} projectName={task.projectName} action={updateTaskAction} />
      <Section id="panel-attempts" title={t("board.panel.latestAttempt")}>
        <TaskAttempts userId={userId} taskId={task.id} projectId={task.projectId} />
      </Section>
      <Section id="panel-subtasks" title={t("board.subtasks.title")}>
        <SubtaskList
          key={task.id}
          parentTaskId={task.id}
          subtasks={task.subtasks}
          actions={{ create: createSubtaskAction, setDone: setSubtaskDoneAction, move: moveSubtaskAction, remove: deleteSubtaskAction }}
        />
      </Section>
      <Section id="panel-tags" title={t("board.tags.title")}>
        <TaskTags key={task.id} taskId={task.id} tags={tags} selected={task.tags.map((x) => x.id)} action={setTaskTagsAction} />
      </Section>
      <Section id="panel-images" title={t("board.images.title")}>
        <TaskImages key={task.id} taskId={task.id} images={task.images} deleteAction={deleteImageAction} />
      </Section>
      <DeleteTaskButton key={task.id} taskId={task.id} back={closeHref} action={deleteTaskAction} />
    </TaskPanelShell>
  );
}
