import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { EmptyState, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("usage.title") };
}

/** Not built yet: says what this page will do, with nothing to click that does nothing. */
export default async function UsagePage() {
  const t = await getT();
  return (
    <>
      <PageHeader title={t("usage.title")} description={t("usage.description")} />
      <EmptyState title={t("usage.comingTitle")} description={t("usage.comingBody")} />
    </>
  );
}
