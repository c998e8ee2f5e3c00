import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tags, taskTags } from "@/db/schema";

/** Tags are the user's reusable prompt snippets; a task's tags are inserted into its agents' prompts. */

export const tagColumns = { id: tags.id, name: tags.name, content: tags.content };
export type TagView = { id: string; name: string; content: string };

/** The tags on one of the user's tasks, by name (an unknown or another user's task has none). */
export async function tagsForTask(userId: string, taskId: string): Promise<TagView[]> {
  return db()
    .select(tagColumns)
    .from(taskTags)
    .innerJoin(tags, eq(tags.id, taskTags.tagId))
    .where(and(eq(taskTags.taskId, taskId), eq(tags.userId, userId)))
    .orderBy(asc(tags.name));
}
