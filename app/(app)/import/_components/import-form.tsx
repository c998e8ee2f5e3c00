"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField } from "@/components/ui/field";
import { IMPORT_SOURCES, type ImportSource } from "@/lib/domain";
import { useT } from "@/lib/i18n/client";

/**
 * Uploads each chosen file as the raw body of `POST /api/v1/imports?source=` (same origin,
 * the session cookie), one import per file, then refreshes the list below.
 */
export function ImportForm({ limitText }: { limitText: string }) {
  const t = useT();
  const router = useRouter();
  const [source, setSource] = useState<ImportSource>("opcode");
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<{ error?: string; message?: string }>({});

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const files = [...((form.elements.namedItem("file") as HTMLInputElement).files ?? [])];
    if (!files.length) return;
    setPending(true);
    const errors: string[] = [];
    const queued: string[] = [];
    for (const file of files) {
      const response = await fetch(`/api/v1/imports?${new URLSearchParams({ source, fileName: file.name })}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: file,
      }).catch(() => null);
      if (response?.ok) queued.push(file.name);
      else {
        const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
        errors.push(t("import.form.failed", { name: file.name, message: body?.error?.message ?? String(response?.status ?? "network error") }));
      }
    }
    setPending(false);
    setState(errors.length ? { error: errors.join(" ") } : { message: queued.map((name) => t("import.form.queued", { name })).join(" ") });
    if (queued.length) form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-labelledby="import-form-heading">
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t("import.form.source")}
          name="source"
          value={source}
          onChange={(e) => setSource(e.target.value as ImportSource)}
          options={IMPORT_SOURCES.map((s) => ({ value: s, label: t(`import.source.${s}`) }))}
          hint={t(`import.sourceHint.${source}`)}
        />
        <div className="space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium">
            {t("import.form.file")}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            required
            multiple={source === "claude-code"}
            accept={source === "claude-code" ? ".jsonl,.zip,application/zip,application/x-ndjson" : ".db,.sqlite,.sqlite3,application/vnd.sqlite3,application/x-sqlite3"}
            aria-describedby="import-file-hint"
            className="block w-full text-sm"
          />
          <p id="import-file-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
            {limitText}
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("import.form.uploading") : t("import.form.submit")}
      </Button>
    </form>
  );
}

/** Refreshes the page every 1.5 s while an import is waiting or running, so its progress shows without reloading. */
export function RefreshWhileBusy({ busy }: { busy: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [busy, router]);
  return null;
}
