import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { listResponse } from "@/lib/api/schemas";
import { tagCreateSchema, tagListQuery, tagListSchema, tagSchema, tagUpdateSchema, taskTagListSchema } from "@/lib/tags/schemas";
import { imageMetaSchema, taskCreateSchema, taskDetailSchema, taskListQuery, taskSchema, taskTagsSchema, taskUpdateSchema } from "./schemas";

/** The /api/v1 operations of tasks, tags and images; lib/api/openapi.ts adds them to the registry. */

const taskId = z.object({ id: z.string().describe("Task id") });
const tagId = z.object({ id: z.string().describe("Tag id") });
const imageId = z.object({ id: z.string().describe("Image id") });

const taskOps: ApiOperation[] = [
  {
    id: "listTasks",
    method: "get",
    path: "/tasks",
    summary: "The caller's top-level tasks, newest first, filtered by project, status, agent or tag",
    description: "Subtasks are listed with `parentTaskId`.",
    tag: "tasks",
    auth: "user",
    query: taskListQuery,
    response: { description: "A page of tasks.", schema: listResponse(taskSchema) },
  },
  {
    id: "createTask",
    method: "post",
    path: "/tasks",
    summary: "Create a task (a subtask with parentTaskId, placed after its siblings)",
    description: "The project, idea, parent task, agent and tags must be the caller's; otherwise 404 naming which.",
    tag: "tasks",
    auth: "user",
    body: taskCreateSchema,
    response: { status: 201, description: "The new task.", schema: taskSchema },
    errors: ["not_found"],
  },
  {
    id: "getTask",
    method: "get",
    path: "/tasks/{id}",
    summary: "One of the caller's tasks with its tags, subtasks in order and images",
    tag: "tasks",
    auth: "user",
    params: taskId,
    response: { description: "The task.", schema: taskDetailSchema },
  },
  {
    id: "updateTask",
    method: "patch",
    path: "/tasks/{id}",
    summary: "Change any of a task's fields; a board move is `{ status }`, a subtask reorder `{ position }`",
    tag: "tasks",
    auth: "user",
    params: taskId,
    body: taskUpdateSchema,
    response: { description: "The updated task.", schema: taskSchema },
  },
  {
    id: "deleteTask",
    method: "delete",
    path: "/tasks/{id}",
    summary: "Move a task to the trash with its subtasks and attempts (restorable for 30 days; its agents are stopped)",
    tag: "tasks",
    auth: "user",
    params: taskId,
    response: { status: 204, description: "Deleted." },
  },
  {
    id: "setTaskTags",
    method: "put",
    path: "/tasks/{id}/tags",
    summary: "Replace a task's tags",
    description: "Every tag must be the caller's; otherwise 404 and nothing changes.",
    tag: "tasks",
    auth: "user",
    params: taskId,
    body: taskTagsSchema,
    response: { description: "The task's tags now.", schema: taskTagListSchema },
  },
  {
    id: "uploadTaskImage",
    method: "post",
    path: "/tasks/{id}/images",
    summary: "Attach an image to a task (multipart/form-data, field `file`)",
    description:
      "PNG, JPEG, WebP or GIF, recognised from the file's bytes (not its name or claimed type), up to 10 MB. Anything else is refused with 400 and a message; nothing is stored. An image that would take the caller past their plan's image storage (`limits.imageStorageBytes` of GET /me) is refused with 403.",
    tag: "tasks",
    auth: "user",
    params: taskId,
    response: { status: 201, description: "The stored image.", schema: imageMetaSchema },
    errors: ["validation", "forbidden"],
  },
];

const tagOps: ApiOperation[] = [
  {
    id: "listTags",
    method: "get",
    path: "/tags",
    summary: "The caller's tags (reusable prompt snippets), newest first, paged",
    tag: "tags",
    auth: "user",
    query: tagListQuery,
    response: { description: "A page of the caller's tags.", schema: tagListSchema },
  },
  {
    id: "createTag",
    method: "post",
    path: "/tags",
    summary: "Create a tag; 409 when the caller already has one of that name, 403 over the plan's number of tags",
    tag: "tags",
    auth: "user",
    body: tagCreateSchema,
    response: { status: 201, description: "The new tag.", schema: tagSchema },
    errors: ["conflict", "forbidden"],
  },
  {
    id: "getTag",
    method: "get",
    path: "/tags/{id}",
    summary: "One of the caller's tags",
    tag: "tags",
    auth: "user",
    params: tagId,
    response: { description: "The tag.", schema: tagSchema },
  },
  {
    id: "updateTag",
    method: "patch",
    path: "/tags/{id}",
    summary: "Rename a tag or change its snippet",
    tag: "tags",
    auth: "user",
    params: tagId,
    body: tagUpdateSchema,
    response: { description: "The updated tag.", schema: tagSchema },
    errors: ["conflict"],
  },
  {
    id: "deleteTag",
    method: "delete",
    path: "/tags/{id}",
    summary: "Delete a tag; it comes off every task",
    tag: "tags",
    auth: "user",
    params: tagId,
    response: { status: 204, description: "Deleted." },
  },
];

const imageOps: ApiOperation[] = [
  {
    id: "getImage",
    method: "get",
    path: "/images/{id}",
    summary: "An uploaded image's bytes, served only to its owner",
    tag: "tasks",
    auth: "user",
    params: imageId,
    response: { description: "The image, with its stored Content-Type and `X-Content-Type-Options: nosniff`.", contentType: "image/*" },
  },
  {
    id: "deleteImage",
    method: "delete",
    path: "/images/{id}",
    summary: "Delete an image and its file",
    tag: "tasks",
    auth: "user",
    params: imageId,
    response: { status: 204, description: "Deleted." },
  },
];

export const taskOperations: ApiOperation[] = [...taskOps, ...tagOps, ...imageOps];
