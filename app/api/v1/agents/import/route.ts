import { NextResponse } from "next/server";
import { importAgents } from "@/lib/agents/import-export";
import { agentImportBodySchema, agentImportResponseSchema } from "@/lib/agents/schemas";
import { apiRoute } from "@/lib/api/route";

/**
 * POST /api/v1/agents/import — one agent-export object or an array of them
 * (Switchboard's camelCase or opcode/Claudia's snake_case). All or nothing:
 * a bad item refuses the whole file with a 400 naming it.
 */
export const POST = apiRoute({ body: agentImportBodySchema }, async ({ user, body }) => {
  const data = await importAgents(user.id, body);
  return NextResponse.json(agentImportResponseSchema.parse({ data }), { status: 201 });
});
