import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { EmptyState, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("projects.title") };
}

/** Not built yet: says what this page will do, with nothing to click that does nothing. */
export default async function ProjectsPage() {
  const t = await getT();
  return (
    <>
      <PageHeader title={t("projects.title")} description={t("projects.description")} />
      <EmptyState title={t("projects.comingTitle")} description={t("projects.comingBody")} />
    </>
  );
}
