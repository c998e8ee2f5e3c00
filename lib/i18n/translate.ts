export type Messages = Record<string, string>;
export type TranslateFn = (key: string, vars?: Record<string, string | number>) => string;

/**
 * Look a key up and fill its {placeholders}; an unknown key is shown as is.
 * A numeric `count` picks the plural form `key.one` / `key.other` (the
 * locale's `Intl.PluralRules`) when the messages have one, so English reads
 * "1 task" and "2 tasks" while Korean, which has one form, keeps `.other`.
 */
export function makeTranslator(messages: Messages, locale = "en"): TranslateFn {
  const plurals = new Intl.PluralRules(locale);
  return (key, vars) => {
    const count = vars?.count;
    const plural = typeof count === "number" ? (messages[`${key}.${plurals.select(count)}`] ?? messages[`${key}.other`]) : undefined;
    const template = plural ?? messages[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
