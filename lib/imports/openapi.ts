import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { listResponse } from "@/lib/api/schemas";
import { importCreatedSchema, importCreateQuery, importListQuery, importSchema } from "./schemas";

const tag = "imports";

/** The /api/v1 operations of imports; lib/api/openapi.ts adds them to the registry. */
export const importOperations: ApiOperation[] = [
  {
    id: "listImports",
    method: "get",
    path: "/imports",
    summary: "The caller's imports, newest first",
    tag,
    auth: "user",
    query: importListQuery,
    response: { description: "One page of imports.", schema: listResponse(importSchema) },
  },
  {
    id: "createImport",
    method: "post",
    path: "/imports",
    summary: "Bring in a file from opcode, vibe-kanban or Claude Code (the file is the raw body)",
    tag,
    auth: "user",
    description:
      "opcode's `agents.db`, vibe-kanban's `db.sqlite`, or a Claude Code session file (`.jsonl`) or zip of `~/.claude/projects`, as the raw body (any Content-Type), up to the plan's size (100 MiB FREE, 1 GiB PRO). A file that is plainly not of that kind is refused at once (400); deeper problems fail the import with `error`, and nothing of it is imported. Rows already imported by an earlier import are skipped.",
    query: importCreateQuery,
    response: { status: 202, description: "The import is queued; follow it with GET /imports/{id}.", schema: importCreatedSchema },
    errors: ["payload_too_large"],
  },
  {
    id: "getImport",
    method: "get",
    path: "/imports/{id}",
    summary: "One import: status, progress and report",
    tag,
    auth: "user",
    params: z.object({ id: z.string().describe("The import's id.") }),
    response: { description: "The import.", schema: importSchema },
  },
];
