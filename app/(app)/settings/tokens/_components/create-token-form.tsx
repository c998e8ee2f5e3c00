"use client";
import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, inputClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { createToken } from "../actions";

/** Shows a new token's value, once, with a way to copy it. */
function NewToken({ value }: { value: string }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard API needs a secure context; fall back to selecting and copying.
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.select();
      document.execCommand("copy");
    }
    setCopied(true);
  }
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40">
      <label htmlFor={id} className="block text-sm font-medium">
        {t("settings.tokens.newValue")}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-warning`}
          onFocus={(e) => e.currentTarget.select()}
          className={`${inputClass} font-mono`}
          spellCheck={false}
          autoComplete="off"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {copied ? t("settings.tokens.copied") : t("settings.tokens.copy")}
        </Button>
      </div>
      <p id={`${id}-warning`} className="text-sm font-medium text-amber-800 dark:text-amber-300">
        {t("settings.tokens.copyNow")}
      </p>
      <p aria-live="polite" className="sr-only">
        {copied ? t("settings.tokens.copiedAnnouncement") : ""}
      </p>
    </div>
  );
}

/** `activeIds`: the user's live tokens, so a new token's value disappears once it is revoked. */
export function CreateTokenForm({ activeIds }: { activeIds: string[] }) {
  const t = useT();
  const [state, action, pending] = useActionState(createToken, {});
  return (
    <div className="space-y-4">
      <form action={action} className="flex max-w-xl flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <Field
          className="flex-1"
          label={t("settings.tokens.name")}
          name="name"
          required
          maxLength={100}
          autoComplete="off"
          hint={t("settings.tokens.nameHint")}
          defaultValue={state.values?.name}
          error={state.fields?.name}
        />
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? t("common.loading") : t("settings.tokens.create")}
        </Button>
      </form>
      <FormMessage state={state} />
      {state.ok && state.data?.value && activeIds.includes(state.data.id ?? "") && <NewToken key={state.data.value} value={state.data.value} />}
    </div>
  );
}
