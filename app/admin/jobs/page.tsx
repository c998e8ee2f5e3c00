import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { EmptyState, PageHeader } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.jobs.title") };
}

/** The queue has no admin view until runs exist; this page says so instead of showing an empty table. */
export default async function AdminJobsPage() {
  await requireAdmin();
  const t = await getT();
  return (
    <>
      <PageHeader title={t("admin.jobs.title")} description={t("admin.jobs.description")} />
      <EmptyState title={t("admin.jobs.emptyTitle")} description={t("admin.jobs.emptyBody")} />
    </>
  );
}
