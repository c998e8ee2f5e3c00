import { apiRoute } from "@/lib/api/route";
import { getTaskDetail } from "@/lib/tasks/board";
import { taskDetailSchema, taskSchema, taskUpdateSchema } from "@/lib/tasks/schemas";
import { deleteTask, updateTask } from "@/lib/tasks/tasks";

/** GET /api/v1/tasks/:id — the task with its tags, subtasks and images. */
export const GET = apiRoute({}, async ({ user, params }) => taskDetailSchema.parse(await getTaskDetail(user.id, params.id!)));

/** PATCH /api/v1/tasks/:id — change any of its fields; a board move is `{ status }`. */
export const PATCH = apiRoute({ body: taskUpdateSchema }, async ({ user, params, body }) =>
  taskSchema.parse(await updateTask(user.id, params.id!, body)),
);

/** DELETE /api/v1/tasks/:id — with its subtasks. */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteTask(user.id, params.id!);
  return new Response(null, { status: 204 });
});
