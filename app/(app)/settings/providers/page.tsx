import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/card";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("settings.nav.providers") };
}

/** Per-user provider keys arrive with a later feature; until then this page says what it will hold. */
export default async function ProvidersPage() {
  const t = await getT();
  return <EmptyState title={t("settings.providers.title")} description={t("settings.providers.description")} />;
}
