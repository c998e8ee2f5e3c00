import { apiRoute } from "@/lib/api/route";
import { taskTagListSchema } from "@/lib/tags/schemas";
import { setTaskTags } from "@/lib/tags/tags";
import { taskTagsSchema } from "@/lib/tasks/schemas";

/** PUT /api/v1/tasks/:id/tags `{ tagIds }` — replace the task's tags. */
export const PUT = apiRoute({ body: taskTagsSchema }, async ({ user, params, body }) =>
  taskTagListSchema.parse({ data: await setTaskTags(user.id, params.id!, body.tagIds) }),
);
