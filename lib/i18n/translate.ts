export type Messages = Record<string, string>;
export type TranslateFn = (key: string, vars?: Record<string, string | number>) => string;

/** Look a key up and fill its {placeholders}; an unknown key is shown as is. */
export function makeTranslator(messages: Messages): TranslateFn {
  return (key, vars) => {
    const template = messages[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
