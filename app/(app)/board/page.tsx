import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { BoardFilters } from "@/components/board/board-filters";
import { BoardOptionsProvider } from "@/components/board/board-options";
import { BoardView } from "@/components/board/board-view";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { NewTaskDialog } from "@/components/board/new-task-dialog";
import { requireUser } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { TASK_STATUSES } from "@/lib/domain";
import { boardColumns } from "@/lib/tasks/board-columns";
import { boardOptions } from "@/lib/tasks/board-options";
import { boardCardsAction, columnPageAction, createTaskAction, moveTaskAction } from "./actions";
import { TaskPanel } from "./_components/task-panel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("board.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const param = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().max(64).optional());
const boardQuery = z.object({ projectId: param, agentId: param, tagId: param, task: param });

/**
 * The kanban board: filters in the URL, columns by status (each its first page, "Show more" for the next), a quick-add
 * in each column, a "New task" dialog, and the side panel of ?task=<id>. The pickers' options reach the browser once.
 */
export default async function BoardPage({ searchParams }: Props) {
  const user = await requireUser();
  const t = await getT();
  const parsed = boardQuery.safeParse(await searchParams);
  const { task: openTaskId, ...filters } = parsed.success ? parsed.data : {};
  const [options, columns] = await Promise.all([boardOptions(user.id), boardColumns(user.id, filters)]);
  const cards = TASK_STATUSES.flatMap((status) => columns[status].cards);
  const filterQuery = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1])).toString();
  const closeHref = filterQuery ? `/board?${filterQuery}` : "/board";
  const filtered = Boolean(filters.projectId || filters.agentId || filters.tagId);

  const header = (
    <PageHeader
      title={t("board.title")}
      description={t("board.description")}
      actions={
        <div className="flex flex-wrap gap-2">
          <Link href="/board/tags" className={buttonClass("secondary")}>
            {t("board.manageTags")}
          </Link>
          {options.projects.length > 0 && (
            <NewTaskDialog action={createTaskAction} defaultProjectId={filters.projectId} />
          )}
        </div>
      }
    />
  );

  const board = (
    // Keyed by the filters: pages shown with other filters are not this board's.
    <BoardView
      key={filterQuery}
      columns={columns}
      filters={filters}
      filterQuery={filterQuery}
      moveAction={moveTaskAction}
      createAction={createTaskAction}
      pageAction={columnPageAction}
      cardsAction={boardCardsAction}
      defaultProjectId={filters.projectId}
    />
  );

  if (options.projects.length === 0)
    return (
      <BoardOptionsProvider options={options}>
        {header}
        <EmptyState
          title={t("board.noProjectsTitle")}
          description={t("board.noProjectsBody")}
          action={
            <Link href="/projects" className={buttonClass()}>
              {t("board.goToProjects")}
            </Link>
          }
        />
      </BoardOptionsProvider>
    );

  return (
    <BoardOptionsProvider options={options}>
      {header}
      <BoardFilters filters={filters} />
      {cards.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t("board.noMatchTitle")}
            description={t("board.noMatchBody")}
            action={
              <Link href="/board" className={buttonClass("secondary")}>
                {t("board.filter.clear")}
              </Link>
            }
          />
        ) : (
          <>
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
              <strong className="font-semibold text-zinc-900 dark:text-zinc-100">{t("board.noTasksTitle")}</strong> {t("board.noTasksBody")}
            </p>
            {board}
          </>
        )
      ) : (
        board
      )}
      {/* Cards follow their agents: while an attempt is queued or running, the board refreshes itself. */}
      <RefreshWhile active={cards.some((c) => c.attempt?.status === "queued" || c.attempt?.status === "running")} everyMs={3000} />
      {openTaskId && <TaskPanel userId={user.id} taskId={openTaskId} closeHref={closeHref} agents={options.agents} tags={options.tags} />}
    </BoardOptionsProvider>
  );
}
