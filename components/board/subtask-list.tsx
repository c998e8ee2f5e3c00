"use client";
import { useActionState, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Subtask = { id: string; title: string; status: string };
type Props = {
  parentTaskId: string;
  subtasks: Subtask[];
  actions: { create: Action; setDone: Action; move: Action; remove: Action };
};

/** A task's subtasks in order: tick done, move up or down, delete, and add new ones at the end. */
export function SubtaskList({ parentTaskId, subtasks, actions }: Props) {
  const t = useT();
  const [error, setError] = useState<ActionState>({});
  const [pending, startTransition] = useTransition();
  const [createState, createAction, creating] = useActionState(actions.create, {});

  function run(action: Action, fields: Record<string, string>) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    startTransition(async () => setError(await action({}, form)));
  }

  return (
    <div className="space-y-3" aria-busy={pending}>
      {error.error && <FormMessage state={error} />}
      {subtasks.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("board.subtasks.none")}</p>
      ) : (
        <ol className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {subtasks.map((s, i) => (
            <li key={s.id} className="flex items-center gap-2 px-3 py-2 text-sm">
              <input
                type="checkbox"
                aria-label={t("board.subtasks.done", { title: s.title })}
                checked={s.status === "done"}
                disabled={pending}
                onChange={(e) => run(actions.setDone, { id: s.id, done: String(e.target.checked) })}
                className="size-4 accent-indigo-600"
              />
              <span className={s.status === "done" ? "flex-1 break-words text-zinc-500 dark:text-zinc-400 line-through" : "flex-1 break-words"}>{s.title}</span>
              <Button type="button" variant="ghost" className="px-2 py-1" disabled={pending || i === 0} aria-label={t("board.subtasks.up", { title: s.title })} onClick={() => run(actions.move, { id: s.id, direction: "up" })}>
                <span aria-hidden>↑</span>
              </Button>
              <Button
                type="button"
                variant="ghost"
                className="px-2 py-1"
                disabled={pending || i === subtasks.length - 1}
                aria-label={t("board.subtasks.down", { title: s.title })}
                onClick={() => run(actions.move, { id: s.id, direction: "down" })}
              >
                <span aria-hidden>↓</span>
              </Button>
              <Button type="button" variant="ghost" className="px-2 py-1 text-red-600 dark:text-red-400" disabled={pending} aria-label={t("board.subtasks.delete", { title: s.title })} onClick={() => run(actions.remove, { id: s.id })}>
                <span aria-hidden>✕</span>
              </Button>
            </li>
          ))}
        </ol>
      )}
      <form action={createAction} className="flex items-end gap-2">
        <input type="hidden" name="parentTaskId" value={parentTaskId} />
        <Field label={t("board.subtasks.newTitle")} name="title" required maxLength={200} autoComplete="off" className="flex-1" error={createState.fields?.title} />
        <Button type="submit" variant="secondary" disabled={creating}>
          {t("board.subtasks.add")}
        </Button>
      </form>
    </div>
  );
}
