import { getAgent } from "@/lib/agents/agents";
import { exportAgent, exportContentDisposition } from "@/lib/agents/import-export";
import { apiRoute } from "@/lib/api/route";

/** GET /api/v1/agents/:id/export — the agent-export JSON file, as a download. */
export const GET = apiRoute({}, async ({ user, params }) => {
  const agent = await getAgent(user.id, params.id!);
  return new Response(JSON.stringify(await exportAgent(user.id, agent), null, 2) + "\n", {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": exportContentDisposition(agent.name),
      "cache-control": "no-store",
    },
  });
});
