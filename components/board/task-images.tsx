"use client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";

type Image = { id: string; originalName: string; url: string; sizeBytes: number };
type Props = { taskId: string; images: Image[]; deleteAction: (state: ActionState, formData: FormData) => Promise<ActionState> };

/**
 * Thumbnails and the upload control. Uploads go to the API route (server
 * actions cap bodies at 1 MB; images may be 10 MB); the server checks the
 * bytes and the size, and its message is shown as is.
 */
export function TaskImages({ taskId, images, deleteAction }: Props) {
  const t = useT();
  const router = useRouter();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ActionState>({});
  const [pending, startTransition] = useTransition();

  function upload(file: File) {
    const form = new FormData();
    form.set("file", file);
    setState({});
    startTransition(async () => {
      const response = await fetch(`/api/v1/tasks/${taskId}/images`, { method: "POST", body: form }).catch(() => null);
      if (!response?.ok) {
        const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ error: t("board.images.failed", { error: body?.error?.message ?? t("errors.unexpected") }) });
      } else router.refresh();
      if (input.current) input.current.value = "";
    });
  }

  function remove(id: string) {
    const form = new FormData();
    form.set("id", id);
    startTransition(async () => setState(await deleteAction({}, form)));
  }

  return (
    <div className="space-y-3" aria-busy={pending}>
      <FormMessage state={state} />
      {images.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("board.images.none")}</p>
      ) : (
        <ul className="grid grid-cols-3 gap-2">
          {images.map((image) => (
            <li key={image.id} className="relative">
              <a href={image.url} target="_blank" rel="noreferrer">
                {/* Owner-only API URLs: next/image's optimizer would fetch them without the session. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={image.url} alt={image.originalName} className="aspect-square w-full rounded border border-zinc-200 object-cover dark:border-zinc-700" />
              </a>
              <Button
                type="button"
                variant="secondary"
                className="absolute top-1 right-1 px-1.5 py-0.5 text-xs"
                disabled={pending}
                aria-label={t("board.images.delete", { name: image.originalName })}
                onClick={() => remove(image.id)}
              >
                <span aria-hidden>✕</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium">
          {t("board.images.upload")}
        </label>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          disabled={pending}
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-600 file:px-3 file:py-1.5 file:text-white"
        />
        <p id={`${inputId}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {pending ? t("board.images.uploading") : t("board.images.hint")}
        </p>
      </div>
    </div>
  );
}
