import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { hasPassword } from "@/lib/users/change-password";
import { PasswordForm } from "./_components/password-form";
import { PreferencesForm } from "./_components/preferences-form";
import { ProfileForm } from "./_components/profile-form";
import { SessionsSection } from "./_components/sessions-section";
import { DefaultsForm } from "./_components/defaults-form";
import { listAgents } from "@/lib/agents/agents";
import { getMeSettings } from "@/lib/users/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("settings.title") };
}

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: React.ReactNode }) {
  return (
    <Card aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {title}
      </h2>
      <p className="mt-1 mb-4 text-sm text-zinc-500 dark:text-zinc-400">{description}</p>
      {children}
    </Card>
  );
}

export default async function SettingsPage() {
  const user = await requireUser();
  const t = await getT();
  const { locale, theme } = await getPreferences();
  const withPassword = await hasPassword(user.id);
  return (
    <>
      <Section id="profile" title={t("settings.profile.title")} description={t("settings.profile.description")}>
        <ProfileForm name={user.name ?? ""} email={user.email} />
      </Section>
      <Section
        id="password"
        title={t("settings.password.title")}
        description={t(withPassword ? "settings.password.description" : "settings.password.descriptionGoogle")}
      >
        <PasswordForm hasPassword={withPassword} />
      </Section>
      <Section id="preferences" title={t("settings.preferences.title")} description={t("settings.preferences.description")}>
        <PreferencesForm theme={theme} locale={locale} />
      </Section>
      <Section id="defaults" title={t("settings.me.title")} description={t("settings.me.description")}>
        <DefaultsForm settings={await getMeSettings(user.id)} agents={(await listAgents(user.id, { limit: 100 })).data.map((a) => ({ id: a.id, name: a.name }))} />
      </Section>
      <Section id="sessions" title={t("settings.sessions.title")} description={t("settings.sessions.description")}>
        <SessionsSection userId={user.id} currentSessionId={user.sessionId} locale={locale} t={t} />
      </Section>
    </>
  );
}
