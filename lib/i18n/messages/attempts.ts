export const attempts = {
  en: {},
  ko: {},
};
