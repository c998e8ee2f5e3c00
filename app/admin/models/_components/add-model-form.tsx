"use client";
import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, inputClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { addModel } from "../actions";
import { PRICE_FIELDS } from "./fields";

const PROVIDERS = ["anthropic", "openai", "google", "other"] as const;

/** Adds a model the price list lacks, such as one the runs used without a price (`initialName`). */
export function AddModelForm({ initialName }: { initialName?: string }) {
  const t = useT();
  const [state, action, pending] = useActionState(addModel, {});
  const providerId = useId();
  const providerError = state.fields?.provider;
  return (
    <form action={action} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Field
          label={t("usage.models.add.name")}
          name="name"
          required
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          hint={t("usage.models.add.nameHint")}
          defaultValue={state.values?.name ?? initialName}
          error={state.fields?.name}
        />
        <div className="space-y-1">
          <label htmlFor={providerId} className="block text-sm font-medium">
            {t("usage.models.add.provider")}
          </label>
          <select
            id={providerId}
            name="provider"
            defaultValue={state.values?.provider ?? "other"}
            aria-invalid={providerError ? true : undefined}
            aria-describedby={providerError ? `${providerId}-error` : undefined}
            className={inputClass}
          >
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {t(`usage.models.provider.${p}`)}
              </option>
            ))}
          </select>
          {providerError && (
            <p id={`${providerId}-error`} className="text-xs text-red-600 dark:text-red-400">
              {providerError}
            </p>
          )}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {PRICE_FIELDS.map(({ name, label, required }) => (
          <Field
            key={name}
            label={t(label)}
            name={name}
            required={required}
            inputMode="decimal"
            autoComplete="off"
            defaultValue={state.values?.[name]}
            error={state.fields?.[name]}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("common.loading") : t("usage.models.add.submit")}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
