import { PageHeader } from "@/components/ui/card";
import { getT } from "@/lib/i18n/server";
import { SettingsNav } from "./_components/settings-nav";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const t = await getT();
  return (
    <>
      <PageHeader title={t("settings.title")} description={t("settings.description")} />
      <SettingsNav />
      <div className="mt-6 space-y-6">{children}</div>
    </>
  );
}
