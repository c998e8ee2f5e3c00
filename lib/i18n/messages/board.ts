export const board = {
  en: {},
  ko: {},
};
