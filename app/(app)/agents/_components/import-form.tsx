"use client";
import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { importAgentsAction } from "../actions";

/** Upload a Switchboard or opcode/Claudia agent export; all of its agents are imported, or none. */
export function ImportForm() {
  const t = useT();
  const id = useId();
  const [state, action, pending] = useActionState(importAgentsAction, {});
  const error = state.fields?.file;
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium">
          {t("agent.import.file")}
        </label>
        <input
          id={id}
          name="file"
          type="file"
          accept="application/json,.json"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-zinc-100 dark:file:border-zinc-700 dark:file:bg-zinc-900 dark:file:text-zinc-100"
        />
        {error && (
          <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("common.loading") : t("agent.import.submit")}
      </Button>
    </form>
  );
}
