import type { Metadata } from "next";
import Link from "next/link";
import { TagForm } from "@/components/board/tag-form";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DialogButton } from "@/components/ui/dialog";
import { requireUser } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { listTags } from "@/lib/tags/tags";
import { createTagAction, deleteTagAction, updateTagAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("board.tags.title") };
}

/** The tag manager: the user's prompt snippets, each editable, and "New tag" for another. */
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
          <div className="flex flex-wrap gap-2">
            <Link href="/board" className={buttonClass("secondary")}>
              <span aria-hidden>←</span> {t("board.tags.back")}
            </Link>
            <DialogButton label={t("board.tags.newButton")} title={t("board.tags.newTitle")}>
              <TagForm action={createTagAction} />
            </DialogButton>
          </div>
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
      </div>
    </>
  );
}
