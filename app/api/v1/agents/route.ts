import { NextResponse } from "next/server";
import { createAgent, listAgents } from "@/lib/agents/agents";
import { agentCreateSchema, agentSchema } from "@/lib/agents/schemas";
import { apiRoute } from "@/lib/api/route";
import { listResponse, paginationQuery } from "@/lib/api/schemas";

const agentList = listResponse(agentSchema);

/** GET /api/v1/agents — the caller's agents, newest first. */
export const GET = apiRoute({ query: paginationQuery }, async ({ user, query }) => {
  return agentList.parse(await listAgents(user.id, query));
});

/** POST /api/v1/agents — only `name` is required; 403 over the plan's agent limit, 409 for a name in use. */
export const POST = apiRoute({ body: agentCreateSchema }, async ({ user, body }) => {
  const agent = await createAgent(user.id, body);
  return NextResponse.json(agentSchema.parse(agent), { status: 201 });
});
