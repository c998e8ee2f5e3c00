import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { EmptyState, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("ideas.title") };
}

/** Not built yet: says what this page will do, with nothing to click that does nothing. */
export default async function IdeasPage() {
  const t = await getT();
  return (
    <>
      <PageHeader title={t("ideas.title")} description={t("ideas.description")} />
      <EmptyState title={t("ideas.comingTitle")} description={t("ideas.comingBody")} />
    </>
  );
}
