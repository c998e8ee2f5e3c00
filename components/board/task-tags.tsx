"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { TagPicker } from "./tag-picker";

type Props = {
  taskId: string;
  tags: Array<{ id: string; name: string }>;
  selected: string[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/** Toggling a tag saves at once; a refusal puts the checkboxes back and says why. */
export function TaskTags({ taskId, tags, selected: initial, action }: Props) {
  const t = useT();
  const [selected, setSelected] = useState(initial);
  const [state, setState] = useState<ActionState>({});
  const [pending, startTransition] = useTransition();

  if (tags.length === 0)
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/board/tags" className="text-indigo-600 hover:underline dark:text-indigo-400">
          {t("board.tags.none")}
        </Link>
      </p>
    );

  function change(next: string[]) {
    const before = selected;
    setSelected(next);
    const form = new FormData();
    form.set("id", taskId);
    form.set("tagIds", next.join(","));
    startTransition(async () => {
      const result = await action({}, form);
      if (result.error) setSelected(before);
      setState(result);
    });
  }

  return (
    <div className="space-y-2" aria-busy={pending}>
      <FormMessage state={state} />
      <TagPicker tags={tags} selected={selected} onChange={change} />
    </div>
  );
}
