"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { checkMcpServerAction, deleteMcpServerAction } from "../actions";

/** Check (initialize + tools/list, in the sandbox for stdio) and Delete for one server. */
export function McpServerButtons({ id, name }: { id: string; name: string }) {
  const t = useT();
  const [checked, check, checking] = useActionState<ActionState, FormData>(checkMcpServerAction, {});
  const [deleted, remove, deleting] = useActionState<ActionState, FormData>(deleteMcpServerAction, {});
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={check}>
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="secondary" disabled={checking} aria-label={`${t("mcp.check")} ${name}`}>
            {checking ? t("common.loading") : t("mcp.check")}
          </Button>
        </form>
        <form action={remove}>
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="dangerQuiet" disabled={deleting} aria-label={`${t("mcp.delete")} ${name}`}>
            {t("mcp.delete")}
          </Button>
        </form>
      </div>
      <FormMessage state={checked} />
      <FormMessage state={deleted.error ? deleted : undefined} />
    </div>
  );
}
