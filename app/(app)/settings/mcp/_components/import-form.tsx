"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextAreaField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { importMcpAction } from "../actions";

/** Paste or upload a .mcp.json / claude_desktop_config.json. */
export function McpImportForm() {
  const t = useT();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(importMcpAction, {});
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <TextAreaField label={t("mcp.import.paste")} name="config" rows={6} spellCheck={false} placeholder='{ "mcpServers": { … } }' error={state.fields?.config} />
      <div className="space-y-1">
        <label className="block text-sm font-medium" htmlFor="mcp-import-file">
          {t("mcp.import.file")}
        </label>
        <input id="mcp-import-file" name="file" type="file" accept=".json,application/json" className="text-sm" />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("mcp.import.submit")}
      </Button>
    </form>
  );
}
