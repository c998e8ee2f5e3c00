import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { listResponse } from "@/lib/api/schemas";
import { trashItemSchema, trashKindSchema, trashListQuery } from "./schemas";

const tag = "trash";
const item = z.object({ kind: trashKindSchema, id: z.string().describe("The deleted item's id.") });

/** The /api/v1 operations of the trash; lib/api/openapi.ts adds them to the registry. */
export const trashOperations: ApiOperation[] = [
  {
    id: "listTrash",
    method: "get",
    path: "/trash",
    summary: "Deleted projects, agents, tasks and conversations, most recently deleted first (restorable for 30 days)",
    tag,
    auth: "user",
    query: trashListQuery,
    response: { description: "One page of the trash.", schema: listResponse(trashItemSchema) },
  },
  {
    id: "restoreFromTrash",
    method: "post",
    path: "/trash/{kind}/{id}/restore",
    summary: "Restore a deleted item with the same id and everything under it",
    tag,
    auth: "user",
    params: item,
    response: { description: "The restored item.", schema: trashItemSchema },
  },
  {
    id: "deleteFromTrash",
    method: "delete",
    path: "/trash/{kind}/{id}",
    summary: "Delete an item in the trash for good, with everything under it",
    tag,
    auth: "user",
    params: item,
    response: { status: 204, description: "Deleted for good." },
  },
];
