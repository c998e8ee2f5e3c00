import { z } from "zod";
import { paginationQuery } from "@/lib/api/schemas";
import { TRASH_KINDS } from "@/lib/domain/trash";
import { notFoundError } from "@/lib/errors";

export const trashListQuery = paginationQuery;

export const trashKindSchema = z.enum(TRASH_KINDS).describe("project, agent, task or conversation.");

/** `:kind` of /trash/:kind/:id: an unknown kind is a 404, like an unknown id. */
export function trashKindParam(kind: string | undefined) {
  const parsed = trashKindSchema.safeParse(kind);
  if (!parsed.success) throw notFoundError("item");
  return parsed.data;
}

export const trashItemSchema = z
  .object({
    kind: trashKindSchema,
    id: z.string().describe("The item's own id: the same once restored."),
    name: z.string().describe("Its name (a task's or conversation's title)."),
    projectId: z.string().nullable().describe("For a task or conversation: the project it belongs to."),
    projectName: z.string().nullable(),
    deletedAt: z.string().describe("When it was deleted (ISO-8601 UTC)."),
    purgeAt: z.string().describe("When it is deleted for good unless restored before (30 days after deletedAt)."),
  })
  .meta({ description: "Something deleted that can still be restored, with everything under it." });

export type TrashItem = z.infer<typeof trashItemSchema>;
