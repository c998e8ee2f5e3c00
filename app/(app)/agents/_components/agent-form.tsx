"use client";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField, Field, FormMessage, SelectField, TextAreaField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { AGENT_ICONS, AGENT_TYPES, agentFormSchema, EXECUTORS, LIMITS, MODEL_SUGGESTIONS, type AgentView } from "@/lib/agents/schemas";
import { useT } from "@/lib/i18n/client";
import { EXECUTOR_FIELDS, type AgentField, type Executor } from "@/lib/domain";
import { useLiveValidation } from "@/components/ui/use-live-validation";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** The agent being edited; none for a new one. */
  agent?: AgentView;
  submitLabel: string;
  /** The user's MCP servers, for the picker. */
  mcpServers: Array<{ id: string; name: string; transport: string }>;
};

/**
 * Create and edit form for an agent. Validates as you type with
 * agentFormSchema, the schema the server action parses again.
 */
export function AgentForm({ action, agent, submitLabel, mcpServers }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  const { formProps, error } = useLiveValidation(agentFormSchema, state.fields);
  const v = state.values;
  const listId = `models-${agent?.id ?? "new"}`;
  const [serverIds, setServerIds] = useState<string[]>(() => (v?.mcpServerIds !== undefined ? v.mcpServerIds.split(",").filter(Boolean) : (agent?.mcpServerIds ?? [])).filter((id) => mcpServers.some((s) => s.id === id)));
  const toggleServer = (id: string, on: boolean) => setServerIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  // Only the fields the chosen executor reads are shown; the others keep their values in hidden inputs.
  const [executor, setExecutor] = useState<Executor>(((v?.executor ?? agent?.executor ?? "claude-code") as Executor));
  const uses = (field: AgentField) => EXECUTOR_FIELDS[executor]?.includes(field) ?? true;
  const script = executor === "script";
  const model = v?.model ?? agent?.model ?? "sonnet";
  const hooks = v?.hooks ?? (agent?.hooks ? JSON.stringify(agent.hooks, null, 2) : "");

  const icon = v?.icon ?? agent?.icon ?? "bot";
  const icons = (AGENT_ICONS as readonly string[]).includes(icon) ? AGENT_ICONS : [icon, ...AGENT_ICONS];
  const checked = (name: "enableFileRead" | "enableFileWrite" | "enableNetwork", fallback: boolean) =>
    v ? v[name] === "on" : (agent?.[name] ?? fallback);

  return (
    <form action={formAction} className="space-y-4" {...formProps}>
      <FormMessage state={state} />
      {agent && <input type="hidden" name="id" value={agent.id} />}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field
          label={t("agent.field.name")}
          name="name"
          required
          maxLength={LIMITS.name}
          autoComplete="off"
          defaultValue={v?.name ?? agent?.name}
          error={error("name")}
        />
        <SelectField
          label={t("agent.field.icon")}
          name="icon"
          defaultValue={icon}
          error={error("icon")}
          options={icons.map((name) => ({ value: name, label: name }))}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t("agent.field.executor")}
          name="executor"
          value={executor}
          onChange={(e) => setExecutor(e.target.value as Executor)}
          error={error("executor")}
          options={EXECUTORS.map((e) => ({ value: e, label: t(`agent.executor.${e}`) }))}
        />
        {uses("model") ? (
          <div>
            <Field
              label={t("agent.field.model")}
              name="model"
              required
              maxLength={LIMITS.model}
              list={listId}
              autoComplete="off"
              hint={t(`agent.field.modelHint.${executor}`)}
              defaultValue={model}
              error={error("model")}
            />
            <datalist id={listId}>
              {MODEL_SUGGESTIONS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </div>
        ) : (
          <input type="hidden" name="model" value={model} />
        )}
        <SelectField
          label={t("agent.field.type")}
          name="type"
          defaultValue={v?.type ?? agent?.type ?? "development"}
          error={error("type")}
          options={AGENT_TYPES.map((e) => ({ value: e, label: t(`agent.type.${e}`) }))}
        />
      </div>
      {uses("systemPrompt") ? (
        <TextAreaField
          label={t("agent.field.systemPrompt")}
          name="systemPrompt"
          rows={8}
          maxLength={LIMITS.systemPrompt}
          defaultValue={v?.systemPrompt ?? agent?.systemPrompt}
          error={error("systemPrompt")}
        />
      ) : (
        <input type="hidden" name="systemPrompt" value={v?.systemPrompt ?? agent?.systemPrompt ?? ""} />
      )}
      <TextAreaField
        // A script agent's default task is its script.
        key={script ? "script" : "task"}
        label={script ? t("agent.field.scriptTask") : t("agent.field.defaultTask")}
        name="defaultTask"
        rows={script ? 5 : 2}
        required={script}
        maxLength={LIMITS.defaultTask}
        hint={script ? t("agent.field.scriptTaskHint") : t("agent.field.defaultTaskHint")}
        defaultValue={v?.defaultTask ?? agent?.defaultTask ?? ""}
        error={error("defaultTask")}
      />
      {uses("tools") ? (
        <Field
          label={t("agent.field.tools")}
          name="tools"
          autoComplete="off"
          hint={executor === "gemini" ? t("agent.field.toolsHint.gemini") : t("agent.field.toolsHint")}
          defaultValue={v?.tools ?? agent?.tools.join(", ")}
          error={error("tools")}
        />
      ) : (
        <input type="hidden" name="tools" value={v?.tools ?? agent?.tools.join(", ") ?? ""} />
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("agent.field.permissions")}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <CheckboxField label={t("agent.field.enableFileRead")} name="enableFileRead" defaultChecked={checked("enableFileRead", true)} />
          <CheckboxField label={t("agent.field.enableFileWrite")} name="enableFileWrite" defaultChecked={checked("enableFileWrite", true)} />
          <CheckboxField label={t("agent.field.enableNetwork")} name="enableNetwork" defaultChecked={checked("enableNetwork", false)} />
        </div>
      </fieldset>
      <input type="hidden" name="mcpServerIds" value={serverIds.join(",")} />
      {uses("mcpServers") && (
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("agent.field.mcpServers")}</legend>
        {mcpServers.length === 0 ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("agent.field.mcpServersNone")}</p>
        ) : (
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {mcpServers.map((s) => (
              <CheckboxField
                key={s.id}
                label={`${s.name} (${s.transport})`}
                checked={serverIds.includes(s.id)}
                onChange={(e) => toggleServer(s.id, e.target.checked)}
              />
            ))}
          </div>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("agent.field.mcpServersHint")}</p>
        {error("mcpServerIds") && <p className="text-xs text-red-600 dark:text-red-400">{error("mcpServerIds")}</p>}
      </fieldset>
      )}
      {uses("hooks") ? (
        <TextAreaField
          label={t("agent.field.hooks")}
          name="hooks"
          rows={4}
          spellCheck={false}
          hint={t("agent.field.hooksHint")}
          defaultValue={hooks}
          error={error("hooks")}
        />
      ) : (
        <input type="hidden" name="hooks" value={hooks} />
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : submitLabel}
      </Button>
    </form>
  );
}
