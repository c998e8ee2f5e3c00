import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { importMcpConfig } from "@/lib/mcp/config-file";
import { mcpImportBodySchema, mcpImportResponseSchema } from "@/lib/mcp/schemas";

/** POST /api/v1/mcp-servers/import — a .mcp.json or Claude Desktop config; all or nothing. */
export const POST = apiRoute({ body: mcpImportBodySchema }, async ({ user, body }) => {
  return NextResponse.json(mcpImportResponseSchema.parse(await importMcpConfig(user.id, body)), { status: 201 });
});
