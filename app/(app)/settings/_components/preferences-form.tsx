"use client";
import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { LOCALE_NAMES, LOCALES, THEMES, type Locale, type Theme } from "@/lib/i18n/locales";
import { savePreferencesAction } from "../actions";

function Select({ label, error, children, ...props }: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} className={inputClass} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...props}>
        {children}
      </select>
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

export function PreferencesForm({ theme, locale }: { theme: Theme; locale: Locale }) {
  const t = useT();
  const [state, action, pending] = useActionState(savePreferencesAction, {});
  return (
    // Keyed by the values in effect: a <select> ignores a changed defaultValue, and React resets
    // the form after the action, so it must remount to show what was just saved.
    <form key={`${theme}:${locale}`} action={action} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} />
      <Select label={t("settings.preferences.theme")} name="theme" defaultValue={state.values?.theme ?? theme} error={state.fields?.theme}>
        {THEMES.map((value) => (
          <option key={value} value={value}>
            {t(`settings.preferences.theme.${value}`)}
          </option>
        ))}
      </Select>
      <Select label={t("settings.preferences.language")} name="locale" defaultValue={state.values?.locale ?? locale} error={state.fields?.locale}>
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value}>
            {LOCALE_NAMES[value]}
          </option>
        ))}
      </Select>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("settings.preferences.submit")}
      </Button>
    </form>
  );
}
