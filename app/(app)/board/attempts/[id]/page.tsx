import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AttemptDetail } from "../_components/attempt-detail";
import { PageHeader } from "@/components/ui/card";
import { attemptContext } from "@/lib/attempts/attempts";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

async function load(id: string) {
  const user = await requireUser();
  try {
    return { user, attempt: await attemptContext(user.id, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const t = await getT();
  const { attempt } = await load((await params).id);
  return { title: `${t("attempts.page.title")} · ${attempt.taskTitle.slice(0, 60)}` };
}

/** One attempt in full: logs, follow-ups, files changed, merge/rebase/discard and the whole highlighted diff. */
export default async function AttemptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, attempt } = await load(id);
  const t = await getT();
  return (
    <>
      <PageHeader
        title={t("attempts.page.heading", { task: attempt.taskTitle })}
        actions={
          <Link href="/board" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            {t("attempts.page.back")}
          </Link>
        }
      />
      <AttemptDetail userId={user.id} attemptId={id} fullDiff />
    </>
  );
}
