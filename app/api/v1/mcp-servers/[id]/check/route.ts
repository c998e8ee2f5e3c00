import { apiRoute } from "@/lib/api/route";
import { checkMcpServer } from "@/lib/mcp/check";
import { mcpCheckResponseSchema } from "@/lib/mcp/schemas";

/** POST /api/v1/mcp-servers/:id/check — initialize + tools/list; a failing server is `ok: false` with the reason. */
export const POST = apiRoute({}, async ({ user, params }) => {
  return mcpCheckResponseSchema.parse(await checkMcpServer(user.id, params.id!));
});
