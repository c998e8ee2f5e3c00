import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { createImport, importView, listImports } from "@/lib/imports/imports";
import { importCreatedSchema, importCreateQuery, importListQuery, importSchema } from "@/lib/imports/schemas";

/** GET /api/v1/imports — the caller's imports, newest first. */
export const GET = apiRoute({ query: importListQuery }, async ({ user, query }) => {
  const page = await listImports(user.id, query);
  return { data: page.data.map((row) => importSchema.parse(importView(row))), nextCursor: page.nextCursor };
});

/** POST /api/v1/imports?source=opcode|vibe-kanban|claude-code — the file as the raw body; 202 { id }, then poll GET /imports/:id. */
export const POST = apiRoute({ query: importCreateQuery }, async ({ user, query, request }) => {
  const id = await createImport(user.id, query.source, request, query.fileName);
  return NextResponse.json(importCreatedSchema.parse({ id }), { status: 202 });
});
