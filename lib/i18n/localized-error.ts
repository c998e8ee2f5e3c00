import "server-only";
import { AppError, type ErrorCode } from "@/lib/errors";
import { messages } from "@/lib/i18n/messages";
import { makeTranslator, type TranslateFn } from "@/lib/i18n/translate";

/** A message as an i18n key with its values; a value may itself be a message (e.g. a field problem inside an import error). */
export type LocalizedText = { key: string; vars?: Record<string, string | number | LocalizedText> };

/** Field name -> i18n key (zod's messages are keys) as LocalizedTexts, for a LocalizedError's fields. */
export function keyTexts(fields: Record<string, string>): Record<string, LocalizedText> {
  return Object.fromEntries(Object.entries(fields).map(([name, key]) => [name, { key }]));
}

/** What API callers read: every message in English. */
export const english = makeTranslator(messages.en);

export function renderText(t: TranslateFn, text: LocalizedText): string {
  const vars = Object.fromEntries(
    Object.entries(text.vars ?? {}).map(([k, v]) => [k, typeof v === "object" ? renderText(t, v) : v]),
  );
  return t(text.key, vars);
}

/**
 * An AppError whose message is English (what API callers read) and which
 * remembers its key and values, so a server action can show it in the
 * user's language with `localizeError`.
 */
export class LocalizedError extends AppError {
  constructor(
    code: ErrorCode,
    public readonly text: LocalizedText,
    public readonly fieldTexts?: Record<string, LocalizedText>,
  ) {
    super(
      code,
      renderText(english, text),
      fieldTexts && Object.fromEntries(Object.entries(fieldTexts).map(([k, v]) => [k, renderText(english, v)])),
    );
    this.name = "LocalizedError";
  }
}

/** The same error with its message and field messages in the user's language (validatedAction does this for every action). */
export function localizeError(error: unknown, t: TranslateFn): unknown {
  if (!(error instanceof LocalizedError)) return error;
  const fields = error.fieldTexts && Object.fromEntries(Object.entries(error.fieldTexts).map(([k, v]) => [k, renderText(t, v)]));
  return new AppError(error.code, renderText(t, error.text), fields);
}
