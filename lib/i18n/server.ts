import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { DEFAULT_LOCALE, isLocale, isTheme, type Locale, type Theme } from "./locales";
import { messages } from "./messages";
import { makeTranslator } from "./translate";

export const LOCALE_COOKIE = "sb-locale";
export const THEME_COOKIE = "sb-theme";

/**
 * Language and theme live in cookies (written by /settings alongside the
 * user's saved settings), so even the sign-in page renders in the right ones.
 */
export const getPreferences = cache(async (): Promise<{ locale: Locale; theme: Theme }> => {
  const jar = await cookies();
  const cookieLocale = jar.get(LOCALE_COOKIE)?.value;
  const cookieTheme = jar.get(THEME_COOKIE)?.value;
  let locale: Locale = DEFAULT_LOCALE;
  if (isLocale(cookieLocale)) locale = cookieLocale;
  else {
    const accept = (await headers()).get("accept-language") ?? "";
    if (/^ko\b/i.test(accept.trim())) locale = "ko";
  }
  return { locale, theme: isTheme(cookieTheme) ? cookieTheme : "system" };
});

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Remember language and theme in this browser (from /settings, and at sign-in from the saved settings). */
export async function setPreferenceCookies(prefs: { locale?: Locale; theme?: Theme }) {
  const jar = await cookies();
  const options = { maxAge: ONE_YEAR_SECONDS, path: "/", sameSite: "lax" as const, httpOnly: false };
  if (prefs.locale) jar.set(LOCALE_COOKIE, prefs.locale, options);
  if (prefs.theme) jar.set(THEME_COOKIE, prefs.theme, options);
}

export async function getT() {
  const { locale } = await getPreferences();
  return makeTranslator(messages[locale], locale);
}
