import { deleteAgent, getAgent, updateAgent } from "@/lib/agents/agents";
import { agentSchema, agentUpdateSchema } from "@/lib/agents/schemas";
import { apiRoute } from "@/lib/api/route";

/** GET /api/v1/agents/:id — one of the caller's agents (404 for anyone else's). */
export const GET = apiRoute({}, async ({ user, params }) => {
  return agentSchema.parse(await getAgent(user.id, params.id!));
});

/** PATCH /api/v1/agents/:id — any subset of the agent's fields. */
export const PATCH = apiRoute({ body: agentUpdateSchema }, async ({ user, params, body }) => {
  return agentSchema.parse(await updateAgent(user.id, params.id!, body));
});

/** DELETE /api/v1/agents/:id — runs that used it keep their history. */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteAgent(user.id, params.id!);
  return new Response(null, { status: 204 });
});
