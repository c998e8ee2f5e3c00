import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { EmptyState, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("board.title") };
}

/** Not built yet: says what this page will do, with nothing to click that does nothing. */
export default async function BoardPage() {
  const t = await getT();
  return (
    <>
      <PageHeader title={t("board.title")} description={t("board.description")} />
      <EmptyState title={t("board.comingTitle")} description={t("board.comingBody")} />
    </>
  );
}
