"use client";
import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { removeProviderAction, saveProviderAction } from "../actions";

/** What the browser gets about a provider's saved settings: never the key, only whether one is saved and its hint. */
export type ProviderFormProps = {
  provider: "openai" | "anthropic";
  baseUrl: string | null;
  hasKey: boolean;
  keyHint: string | null;
  keyUnreadable: boolean;
  /** The base URL runs use when none is set here (shown as the placeholder). */
  serverBaseUrl: string;
  /** Pre-rendered on the server ("3 minutes ago"); null when nothing is saved. */
  savedAt: React.ReactNode;
};

export function ProviderForm({ provider, baseUrl, hasKey, keyHint, keyUnreadable, serverBaseUrl, savedAt }: ProviderFormProps) {
  const t = useT();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [forgetKey, setForgetKey] = useState(false);
  // One state for both forms, so the card shows the outcome of whatever was done last.
  const [state, action, pending] = useActionState(async (prev: ActionState, formData: FormData) => {
    if (formData.get("intent") !== "remove") {
      const result = await saveProviderAction(prev, formData);
      if (result.ok) setForgetKey(false);
      return result;
    }
    const result = await removeProviderAction(prev, formData);
    if (result.ok) setConfirming(false);
    return result;
  }, {});
  const providerName = t(`settings.providers.${provider}.title`);
  const saved = hasKey || baseUrl !== null;

  const keyHintText = !hasKey
    ? t("settings.providers.apiKeyHint.none")
    : keyUnreadable
      ? t("settings.providers.apiKeyHint.unreadable")
      : keyHint
        ? t("settings.providers.apiKeyHint.saved", { hint: keyHint })
        : t("settings.providers.apiKeyHint.savedNoHint");

  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      <form action={action} className="max-w-xl space-y-4" noValidate>
        <input type="hidden" name="provider" value={provider} />
        <Field
          label={t("settings.providers.baseUrl")}
          name="baseUrl"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          placeholder={t("settings.providers.baseUrlPlaceholder", { url: serverBaseUrl })}
          hint={t(`settings.providers.${provider}.baseUrlHint`)}
          defaultValue={state.values?.baseUrl ?? baseUrl ?? ""}
          error={state.fields?.baseUrl}
        />
        <Field
          label={t("settings.providers.apiKey")}
          name="apiKeySecret"
          type="password"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          hint={keyHintText}
          error={state.fields?.apiKey}
          data-1p-ignore
          data-lpignore="true"
        />
        {hasKey && (
          <div className="flex items-center gap-2">
            <input
              id={`${id}-forget`}
              type="checkbox"
              name="forgetKey"
              checked={forgetKey}
              onChange={(e) => setForgetKey(e.currentTarget.checked)}
              className="h-4 w-4 rounded border-zinc-300 dark:border-zinc-700"
            />
            <label htmlFor={`${id}-forget`} className="text-sm">
              {t("settings.providers.forgetKey")}
            </label>
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? t("common.loading") : t("settings.providers.save")}
          </Button>
          {saved && (
            <Button
              id={`${id}-remove-button`}
              type="button"
              variant="secondary"
              aria-expanded={confirming}
              aria-controls={confirming ? `${id}-remove` : undefined}
              onClick={() => setConfirming(!confirming)}
            >
              {t("settings.providers.remove")}
            </Button>
          )}
          {saved && savedAt && (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {t("settings.providers.lastSaved")} {savedAt}
            </p>
          )}
        </div>
      </form>
      {saved && confirming && (
        <form
          id={`${id}-remove`}
          action={action}
          className="flex max-w-xl flex-col gap-3 rounded-md border border-red-200 bg-red-50 p-4 sm:flex-row sm:items-center sm:justify-between dark:border-red-900 dark:bg-red-950/40"
        >
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="provider" value={provider} />
          <p className="text-sm text-red-800 dark:text-red-200">{t("settings.providers.confirmRemove", { provider: providerName })}</p>
          <div className="flex shrink-0 gap-2">
            <Button type="submit" variant="danger" disabled={pending} autoFocus>
              {pending ? t("common.loading") : t("settings.providers.confirmRemoveButton")}
            </Button>
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setConfirming(false);
                document.getElementById(`${id}-remove-button`)?.focus(); // back to where the question came from
              }}
            >
              {t("settings.providers.cancel")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
