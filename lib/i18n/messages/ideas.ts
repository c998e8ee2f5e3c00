export const ideas = {
  en: {},
  ko: {},
};
