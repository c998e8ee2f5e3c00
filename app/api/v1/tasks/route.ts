import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { taskCreateSchema, taskListQuery, taskSchema } from "@/lib/tasks/schemas";
import { createTask, listTasks } from "@/lib/tasks/tasks";

const taskList = listResponse(taskSchema);

/** GET /api/v1/tasks?projectId=&status=&agentId=&tagId= — the caller's top-level tasks, newest first. */
export const GET = apiRoute({ query: taskListQuery }, async ({ user, query }) => taskList.parse(await listTasks(user.id, query)));

/** POST /api/v1/tasks — a new task (a subtask with `parentTaskId`). */
export const POST = apiRoute({ body: taskCreateSchema }, async ({ user, body }) => {
  return NextResponse.json(taskSchema.parse(await createTask(user.id, body)), { status: 201 });
});
