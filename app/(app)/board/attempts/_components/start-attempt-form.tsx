"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextAreaField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { startAttemptAction } from "../actions";

/** Pick a coding agent and, optionally, add instructions; the task's own text is sent first. */
export function StartAttemptForm({ taskId, agents, defaultAgentId }: { taskId: string; agents: { id: string; name: string }[]; defaultAgentId: string | null }) {
  const t = useT();
  const [state, action, pending] = useActionState(startAttemptAction, {});
  if (agents.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("attempts.start.noAgents")}</p>;
  return (
    <form action={action} className="space-y-3" aria-label={t("attempts.start.form")}>
      <FormMessage state={state} />
      <input type="hidden" name="taskId" value={taskId} />
      <SelectField
        label={t("attempts.start.agent")}
        name="agentId"
        defaultValue={state.values?.agentId ?? defaultAgentId ?? agents[0]!.id}
        error={state.fields?.agentId}
        options={agents.map((a) => ({ value: a.id, label: a.name }))}
      />
      <TextAreaField
        label={t("attempts.start.prompt")}
        hint={t("attempts.start.promptHint")}
        name="prompt"
        rows={3}
        defaultValue={state.values?.prompt}
        error={state.fields?.prompt}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("attempts.start.starting") : t("attempts.start.submit")}
      </Button>
    </form>
  );
}
