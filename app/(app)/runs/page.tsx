import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { EmptyState, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("runs.title") };
}

/** Not built yet: says what this page will do, with nothing to click that does nothing. */
export default async function RunsPage() {
  const t = await getT();
  return (
    <>
      <PageHeader title={t("runs.title")} description={t("runs.description")} />
      <EmptyState title={t("runs.comingTitle")} description={t("runs.comingBody")} />
    </>
  );
}
