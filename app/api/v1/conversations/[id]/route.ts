import { apiRoute } from "@/lib/api/route";
import { deleteConversation, getConversation, renameConversation } from "@/lib/conversations/conversations";
import { conversationPatchSchema, conversationSchema } from "@/lib/conversations/schemas";

/** GET /api/v1/conversations/:id */
export const GET = apiRoute({}, async ({ user, params }) => conversationSchema.parse(await getConversation(user.id, params.id!)));

/** PATCH /api/v1/conversations/:id `{ title }` */
export const PATCH = apiRoute({ body: conversationPatchSchema }, async ({ user, params, body }) =>
  conversationSchema.parse(await renameConversation(user.id, params.id!, body.title)),
);

/** DELETE /api/v1/conversations/:id — stops its turn; its messages and checkpoints go with it. */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteConversation(user.id, params.id!);
  return new Response(null, { status: 204 });
});
