"use client";
import { useActionState, useRef } from "react";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField } from "@/components/ui/field";

type Option = { value: string; label: string };
type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Pick an agent and a project; the conversation page opens. */
export function NewConversationForm({ action, agents, projects, agentId, projectId }: { action: Action; agents: Option[]; projects: Option[]; agentId?: string; projectId?: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t("chat.new.agent")} name="agentId" options={agents} defaultValue={state.values?.agentId ?? agentId} error={state.fields?.agentId} />
        <SelectField label={t("chat.new.project")} name="projectId" options={projects} defaultValue={state.values?.projectId ?? projectId} error={state.fields?.projectId} />
      </div>
      <Button type="submit" disabled={pending}>
        {t("chat.new.submit")}
      </Button>
    </form>
  );
}

/** Upload a Claude Code session file (.jsonl); it becomes a conversation that resumes the session. */
export function ImportSessionForm({ action, agents, projects }: { action: Action; agents: Option[]; projects: Option[] }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium">
            {t("chat.import.file")}
          </label>
          <input id="import-file" name="file" type="file" accept=".jsonl,application/x-ndjson,application/json,text/plain" required className="block w-full text-sm" />
          {state.fields?.file && <p className="text-xs text-red-600">{state.fields.file}</p>}
        </div>
        <SelectField label={t("chat.new.project")} name="projectId" options={projects} />
        <SelectField label={t("chat.import.agent")} name="agentId" options={[{ value: "", label: t("chat.import.defaultAgent") }, ...agents]} />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("chat.import.submit")}
      </Button>
    </form>
  );
}

/**
 * The composer: Enter sends, Shift+Enter starts a new line. Disabled, saying why, when the
 * plan's runs are used up. While a turn runs the message is queued and runs next.
 */
export function Composer({ action, conversationId, disabledReason, busy }: { action: Action; conversationId: string; disabledReason: string | null; busy: boolean }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const result = await action(prev, data);
    if (!result.error) form.current?.reset();
    return result;
  }, {});
  return (
    <form ref={form} action={formAction} className="space-y-2" aria-label={t("chat.composer.label")}>
      <FormMessage state={state.error ? state : undefined} />
      <input type="hidden" name="conversationId" value={conversationId} />
      <label htmlFor="composer" className="sr-only">
        {t("chat.composer.label")}
      </label>
      <textarea
        id="composer"
        name="content"
        rows={3}
        required
        disabled={!!disabledReason}
        defaultValue={state.error ? state.values?.content : undefined}
        placeholder={disabledReason ?? t("chat.composer.placeholder")}
        aria-describedby="composer-hint"
        className="block w-full resize-y rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900"
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (e.currentTarget.value.trim()) form.current?.requestSubmit();
          }
        }}
      />
      <div className="flex items-center justify-between gap-3">
        <p id="composer-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
          {disabledReason ?? (busy ? t("chat.composer.busy") : t("chat.composer.hint"))}
        </p>
        <Button type="submit" disabled={pending || !!disabledReason}>
          {t("chat.composer.send")}
        </Button>
      </div>
    </form>
  );
}

/** A button that posts its hidden fields to an action, showing the result beside it. */
export function ActionButton({ action, fields, label, variant = "secondary", confirm }: { action: Action; fields: Record<string, string>; label: string; variant?: "primary" | "secondary" | "ghost" | "danger"; confirm?: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className="inline-flex items-center gap-2"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button type="submit" variant={variant} disabled={pending} className="px-2 py-1 text-xs">
        {label}
      </Button>
      {(state.error || state.message) && (
        <span role={state.error ? "alert" : "status"} className={state.error ? "text-xs text-red-600" : "text-xs text-emerald-700 dark:text-emerald-400"}>
          {state.error ?? state.message}
        </span>
      )}
    </form>
  );
}
