"use client";
import { createContext, useContext, useMemo } from "react";
import type { Locale } from "./locales";
import { makeTranslator, type Messages, type TranslateFn } from "./translate";

const I18nContext = createContext<{ locale: Locale; t: TranslateFn } | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: makeTranslator(messages, locale) }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): TranslateFn {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useT() outside <I18nProvider>");
  return ctx.t;
}

export function useLocale(): Locale {
  return useContext(I18nContext)?.locale ?? "en";
}
