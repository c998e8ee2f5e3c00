import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { EmptyState, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("agents.title") };
}

/** Not built yet: says what this page will do, with nothing to click that does nothing. */
export default async function AgentsPage() {
  const t = await getT();
  return (
    <>
      <PageHeader title={t("agents.title")} description={t("agents.description")} />
      <EmptyState title={t("agents.comingTitle")} description={t("agents.comingBody")} />
    </>
  );
}
