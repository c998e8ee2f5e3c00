import Link from "next/link";
import type { CheckpointView, CheckpointDiff } from "@/lib/conversations/schemas";
import type { ActionState } from "@/lib/actions/validated-action";
import { RelativeTime } from "@/components/ui/time";
import { ActionButton } from "./chat-forms";
import { CodeBlock } from "./markdown";

type T = (key: string, vars?: Record<string, string | number>) => string;
type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Checkpoints in tree order: each after its parent, children indented (restores and forks branch the tree). */
export function treeOrder(checkpoints: CheckpointView[]): Array<{ checkpoint: CheckpointView; depth: number }> {
  const ids = new Set(checkpoints.map((c) => c.id));
  const children = new Map<string | null, CheckpointView[]>();
  for (const c of checkpoints) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: Array<{ checkpoint: CheckpointView; depth: number }> = [];
  const visit = (parent: string | null, depth: number) => {
    const list = children.get(parent) ?? [];
    list.forEach((c, i) => {
      // A single child continues its parent's line; only siblings (branches) indent.
      out.push({ checkpoint: c, depth });
      visit(c.id, list.length > 1 && i < list.length - 1 ? depth + 1 : depth);
    });
  };
  visit(null, 0);
  return out;
}

export function CheckpointTimeline({
  conversationId,
  checkpoints,
  head,
  t,
  locale,
  actions,
}: {
  conversationId: string;
  checkpoints: CheckpointView[];
  head: string | null;
  t: T;
  locale: string;
  actions: { restore: Action; fork: Action };
}) {
  if (checkpoints.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("chat.checkpoint.none")}</p>;
  return (
    <ol className="space-y-2" aria-label={t("chat.checkpoint.timeline")}>
      {treeOrder(checkpoints).map(({ checkpoint: c, depth }) => (
        <li key={c.id} style={{ marginLeft: `${depth * 0.9}rem` }} className="border-l-2 border-zinc-200 pl-3 dark:border-zinc-700" data-checkpoint={c.id}>
          <div className="text-sm font-medium">
            {c.label || t("chat.checkpoint.unnamed")}
            {c.id === head && <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">{t("chat.checkpoint.head")}</span>}
          </div>
          <div className="text-xs text-zinc-500 dark:text-zinc-400">
            <RelativeTime iso={c.createdAt} locale={locale} /> · {t("chat.checkpoint.files", { n: c.fileCount })}
          </div>
          <div className="mt-1 flex flex-wrap items-center gap-1">
            <ActionButton action={actions.restore} fields={{ checkpointId: c.id, conversationId }} label={t("chat.checkpoint.restore")} confirm={t("chat.checkpoint.restoreConfirm")} />
            <ActionButton action={actions.fork} fields={{ checkpointId: c.id }} label={t("chat.checkpoint.fork")} />
            <Link href={`/chat/${conversationId}?diff=${c.id}&against=current`} className="px-1 text-xs text-indigo-600 hover:underline dark:text-indigo-400">
              {t("chat.checkpoint.diffNow")}
            </Link>
            {c.parentId && (
              <Link href={`/chat/${conversationId}?diff=${c.parentId}&against=${c.id}`} className="px-1 text-xs text-indigo-600 hover:underline dark:text-indigo-400">
                {t("chat.checkpoint.changes")}
              </Link>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function DiffView({ diff, t }: { diff: CheckpointDiff; t: T }) {
  if (diff.files.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("chat.diff.none")}</p>;
  return (
    <div className="space-y-2">
      <ul className="text-sm" aria-label={t("chat.diff.files")}>
        {diff.files.map((f) => (
          <li key={f.path} className="flex gap-2 font-mono">
            <span className="w-16 text-xs text-zinc-500 dark:text-zinc-400">{t(`attempts.fileStatus.${f.status}`)}</span>
            <span className="flex-1 truncate">{f.path}</span>
            {f.binary ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("chat.diff.binary")}</span> : <span className="text-xs"><span className="text-emerald-700">+{f.additions}</span> <span className="text-red-700">−{f.deletions}</span></span>}
          </li>
        ))}
      </ul>
      {diff.patch && <CodeBlock code={diff.patch} lang="diff" />}
    </div>
  );
}
