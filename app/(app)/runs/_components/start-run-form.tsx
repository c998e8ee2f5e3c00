"use client";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, inputClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { startRunAction } from "../actions";

type AgentOption = { id: string; name: string; model: string; executor: string; defaultTask: string | null };
type ProjectOption = { id: string; name: string };

/** Pick an agent and a project, say what to do; the task starts as the agent's default task. */
export function StartRunForm({ agents, projects }: { agents: AgentOption[]; projects: ProjectOption[] }) {
  const t = useT();
  const [state, action, pending] = useActionState(startRunAction, {});
  const [agentId, setAgentId] = useState(state.values?.agentId ?? agents[0]?.id ?? "");
  const agent = agents.find((a) => a.id === agentId);
  const script = agent?.executor === "script";
  const [task, setTask] = useState(state.values?.task ?? agent?.defaultTask ?? "");

  function chooseAgent(id: string) {
    const next = agents.find((a) => a.id === id);
    // Replace the task only while it is still the previous agent's default (never what the user typed).
    if (!task.trim() || task === (agent?.defaultTask ?? "")) setTask(next?.defaultTask ?? "");
    setAgentId(id);
  }

  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="run-agent" className="block text-sm font-medium">
            {t("runs.start.agent")}
          </label>
          <select id="run-agent" name="agentId" className={inputClass} value={agentId} onChange={(e) => chooseAgent(e.target.value)}>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="run-project" className="block text-sm font-medium">
            {t("runs.start.project")}
          </label>
          <select id="run-project" name="projectId" className={inputClass} defaultValue={state.values?.projectId}>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor="run-task" className="block text-sm font-medium">
          {script ? t("runs.start.script") : t("runs.start.task")}
        </label>
        <textarea
          id="run-task"
          name="task"
          rows={3}
          required
          value={task}
          onChange={(e) => setTask(e.target.value)}
          aria-invalid={state.fields?.task ? true : undefined}
          aria-describedby="run-task-hint"
          className={`${inputClass} font-mono`}
        />
        <p id="run-task-hint" className={state.fields?.task ? "text-xs text-red-600 dark:text-red-400" : "text-xs text-zinc-600 dark:text-zinc-400"}>
          {state.fields?.task ?? (agent ? t(script ? "runs.start.scriptHint" : "runs.start.taskHintFor", { agent: agent.name }) : t("runs.start.taskHint"))}
        </p>
      </div>
      {/* The hints follow the chosen agent: a script agent has no model to override. */}
      {!script && <Field
        label={t("runs.start.model")}
        name="model"
        placeholder={agent?.model}
        defaultValue={state.values?.model}
        hint={t("runs.start.modelHint", { model: agent?.model ?? "—" })}
        error={state.fields?.model}
      />}
      <Button type="submit" disabled={pending || !agentId}>
        {pending ? t("common.loading") : t("runs.start.submit")}
      </Button>
    </form>
  );
}
