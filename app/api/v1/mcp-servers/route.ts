import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { mcpServerCreateSchema, mcpServerSchema } from "@/lib/mcp/schemas";
import { createMcpServer, listMcpServers } from "@/lib/mcp/servers";

const serverList = listResponse(mcpServerSchema);

/** GET /api/v1/mcp-servers — the caller's servers by name; secret values never, only names. */
export const GET = apiRoute({}, async ({ user }) => {
  return serverList.parse({ data: await listMcpServers(user.id), nextCursor: null });
});

/** POST /api/v1/mcp-servers — stdio (command, args, env) or http/sse (url, headers). */
export const POST = apiRoute({ body: mcpServerCreateSchema }, async ({ user, body }) => {
  return NextResponse.json(mcpServerSchema.parse(await createMcpServer(user.id, body)), { status: 201 });
});
