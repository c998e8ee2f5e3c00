import { apiRoute } from "@/lib/api/route";
import { exportMcpConfig } from "@/lib/mcp/config-file";
import { mcpConfigFileSchema } from "@/lib/mcp/schemas";

/** GET /api/v1/mcp-servers/export — the .mcp.json format, each secret value a `${NAME}` placeholder. */
export const GET = apiRoute({}, async ({ user }) => {
  const file = mcpConfigFileSchema.parse(await exportMcpConfig(user.id));
  return new Response(JSON.stringify(file, null, 2) + "\n", {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": 'attachment; filename=".mcp.json"',
      "cache-control": "no-store",
    },
  });
});
