import type { Metadata } from "next";
import Link from "next/link";
import { TagForm } from "@/components/board/tag-form";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { listTags } from "@/lib/tags/tags";
import { createTagAction, deleteTagAction, updateTagAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("board.tags.title") };
}

/** The tag manager: the user's prompt snippets, each editable, and a form for a new one. */
export default async function TagsPage() {
  const user = await requireUser();
  const t = await getT();
  const tags = await listTags(user.id);
  return (
    <>
      <PageHeader
        title={t("board.tags.title")}
        description={t("board.tags.description")}
        actions={
          <Link href="/board" className={buttonClass("secondary")}>
            <span aria-hidden>←</span> {t("board.tags.back")}
          </Link>
        }
      />
      <div className="space-y-6">
        {tags.length === 0 ? (
          <EmptyState title={t("board.tags.emptyTitle")} description={t("board.tags.emptyBody")} />
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {tags.map((tag) => (
              <li key={`${tag.id}-${tag.updatedAt}`}>
                <Card aria-label={tag.name}>
                  <TagForm tag={tag} action={updateTagAction} deleteAction={deleteTagAction} />
                </Card>
              </li>
            ))}
          </ul>
        )}
        <Card aria-labelledby="new-tag-heading">
          <h2 id="new-tag-heading" className="mb-4 text-base font-semibold">
            {t("board.tags.newTitle")}
          </h2>
          <TagForm action={createTagAction} />
        </Card>
      </div>
    </>
  );
}
