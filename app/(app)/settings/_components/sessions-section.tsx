import { RelativeTime } from "@/components/ui/time";
import { listActiveSessions } from "@/lib/auth/sessions";
import type { TranslateFn } from "@/lib/i18n/translate";
import { SignOutEverywhereButton } from "./sign-out-everywhere";

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\//, "Chrome"],
  [/Safari\//, "Safari"],
  [/curl\//, "curl"],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** "Firefox on Linux" from a user agent, as far as it can be told. */
function describeDevice(userAgent: string | null, t: TranslateFn) {
  const ua = userAgent ?? "";
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return t("settings.sessions.device", { browser, system });
  return browser ?? system ?? t("settings.sessions.unknownDevice");
}

export async function SessionsSection({ userId, currentSessionId, locale, t }: { userId: string; currentSessionId: string; locale: string; t: TranslateFn }) {
  const sessions = await listActiveSessions(userId);
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-start justify-between gap-2 px-4 py-3 text-sm">
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2 font-medium">
                <span title={s.userAgent ?? undefined}>{describeDevice(s.userAgent, t)}</span>
                {s.id === currentSessionId && (
                  <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
                    {t("settings.sessions.thisDevice")}
                  </span>
                )}
              </div>
              <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
                <div className="flex gap-1">
                  <dt>{t("settings.sessions.ip")}</dt>
                  <dd>{s.ip && s.ip !== "unknown" ? s.ip : t("settings.sessions.unknownIp")}</dd>
                </div>
                <div className="flex gap-1">
                  <dt>{t("settings.sessions.signedIn")}</dt>
                  <dd>
                    <RelativeTime iso={s.createdAt} locale={locale} />
                  </dd>
                </div>
                <div className="flex gap-1">
                  <dt>{t("settings.sessions.lastActive")}</dt>
                  <dd>
                    <RelativeTime iso={s.lastSeenAt} locale={locale} />
                  </dd>
                </div>
              </dl>
            </div>
          </li>
        ))}
      </ul>
      <SignOutEverywhereButton />
    </div>
  );
}
