export const admin = {
  en: {} as Record<string, string>,
  ko: {} as Record<string, string>,
};
