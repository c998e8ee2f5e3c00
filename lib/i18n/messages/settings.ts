export const settings = {
  en: {} as Record<string, string>,
  ko: {} as Record<string, string>,
};
