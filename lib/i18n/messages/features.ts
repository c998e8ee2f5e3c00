export const features = {
  en: {} as Record<string, string>,
  ko: {} as Record<string, string>,
};
