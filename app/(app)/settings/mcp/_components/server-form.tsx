"use client";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, SelectField, TextAreaField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { MCP_LIMITS, MCP_TRANSPORTS, type McpServerView } from "@/lib/mcp/schemas";
import { saveMcpServerAction } from "../actions";

/**
 * Add or edit one MCP server. Secret values are never shown: an edit lists the saved names, and
 * a name written alone keeps its value (the server only learns new values).
 */
export function McpServerForm({ server }: { server?: McpServerView }) {
  const t = useT();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(saveMcpServerAction, {});
  const v = state.values;
  const [transport, setTransport] = useState(v?.transport ?? server?.transport ?? "stdio");
  const savedNames = (names: string[] | undefined) => (names?.length ? t("mcp.field.secretsHint", { names: names.join(", ") }) : undefined);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} />
      {server && <input type="hidden" name="id" value={server.id} />}
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        <Field label={t("mcp.field.name")} name="name" required maxLength={MCP_LIMITS.name} autoComplete="off" defaultValue={v?.name ?? server?.name} error={state.fields?.name} />
        <SelectField
          label={t("mcp.field.transport")}
          name="transport"
          value={transport}
          onChange={(e) => setTransport(e.target.value as typeof transport)}
          options={MCP_TRANSPORTS.map((x) => ({ value: x, label: x }))}
          error={state.fields?.transport}
        />
      </div>
      {transport === "stdio" ? (
        <>
          <Field label={t("mcp.field.command")} name="command" autoComplete="off" spellCheck={false} defaultValue={v?.command ?? server?.command ?? ""} error={state.fields?.command} />
          <TextAreaField label={t("mcp.field.args")} name="args" rows={3} spellCheck={false} defaultValue={v?.args ?? server?.args.join("\n")} error={state.fields?.args} />
          <TextAreaField
            label={t("mcp.field.env")}
            name="envSecret"
            rows={3}
            spellCheck={false}
            autoComplete="off"
            placeholder="API_KEY=…"
            defaultValue={server?.envNames.join("\n")}
            hint={savedNames(server?.envNames)}
            error={state.fields?.envSecret ?? state.fields?.env}
          />
        </>
      ) : (
        <>
          <Field label={t("mcp.field.url")} name="url" type="url" autoComplete="off" spellCheck={false} defaultValue={v?.url ?? server?.url ?? ""} error={state.fields?.url} />
          <TextAreaField
            label={t("mcp.field.headers")}
            name="headersSecret"
            rows={3}
            spellCheck={false}
            autoComplete="off"
            placeholder="Authorization: Bearer …"
            defaultValue={server?.headerNames.join("\n")}
            hint={savedNames(server?.headerNames)}
            error={state.fields?.headersSecret ?? state.fields?.headers}
          />
        </>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : server ? t("mcp.save") : t("mcp.add.submit")}
      </Button>
    </form>
  );
}
