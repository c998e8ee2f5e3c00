import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { listProviderSettings, providerServerDefaults } from "@/lib/providers/keys";
import { ProviderForm } from "./_components/provider-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("settings.nav.providers") };
}

/**
 * The user's own base URL and API key per provider. Keys are encrypted at
 * rest and never reach the browser: the page only learns whether one is
 * saved and its last four characters.
 */
export default async function ProvidersPage() {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const settings = await listProviderSettings(user.id);
  const server = providerServerDefaults();
  return (
    <>
      <div className="max-w-3xl space-y-1">
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("settings.providers.description")}</p>
        <p className="text-sm font-medium text-zinc-700 dark:text-zinc-200">{t("settings.providers.encrypted")}</p>
      </div>
      {settings.map((s) => (
        <Card key={s.provider} aria-labelledby={`provider-${s.provider}-heading`}>
          <h2 id={`provider-${s.provider}-heading`} className="text-base font-semibold">
            {t(`settings.providers.${s.provider}.title`)}
          </h2>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t(`settings.providers.${s.provider}.description`)}</p>
          <p className="mt-2 mb-4 text-sm text-zinc-500 dark:text-zinc-400">
            {t(server[s.provider].hasKey ? "settings.providers.serverKey" : "settings.providers.noServerKey")}
          </p>
          <ProviderForm
            provider={s.provider}
            baseUrl={s.baseUrl}
            hasKey={s.hasKey}
            keyHint={s.keyHint}
            keyUnreadable={s.keyUnreadable}
            serverBaseUrl={server[s.provider].baseUrl}
            savedAt={s.updatedAt ? <RelativeTime iso={s.updatedAt} locale={locale} /> : null}
          />
        </Card>
      ))}
    </>
  );
}
