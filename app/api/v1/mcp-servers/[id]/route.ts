import { apiRoute } from "@/lib/api/route";
import { mcpServerSchema, mcpServerUpdateSchema } from "@/lib/mcp/schemas";
import { deleteMcpServer, getMcpServer, updateMcpServer } from "@/lib/mcp/servers";

/** GET /api/v1/mcp-servers/:id — one of the caller's servers (404 for anyone else's). */
export const GET = apiRoute({}, async ({ user, params }) => {
  return mcpServerSchema.parse(await getMcpServer(user.id, params.id!));
});

/** PATCH /api/v1/mcp-servers/:id — env/headers given replace the map; a null value keeps the saved one. */
export const PATCH = apiRoute({ body: mcpServerUpdateSchema }, async ({ user, params, body }) => {
  return mcpServerSchema.parse(await updateMcpServer(user.id, params.id!, body));
});

/** DELETE /api/v1/mcp-servers/:id */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteMcpServer(user.id, params.id!);
  return new Response(null, { status: 204 });
});
