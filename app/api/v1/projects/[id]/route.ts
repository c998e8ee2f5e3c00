import { apiRoute } from "@/lib/api/route";
import { deleteProject, getProject, presentProject, updateProject } from "@/lib/projects/projects";
import { projectSchema, projectUpdateSchema } from "@/lib/projects/schemas";

/** GET /api/v1/projects/:id — one of the caller's projects (404 for anyone else's). */
export const GET = apiRoute({}, async ({ user, params }) => {
  return projectSchema.parse(await presentProject(user, await getProject(user.id, params.id!)));
});

/** PATCH /api/v1/projects/:id — name, repoUrl, config.setupScript; the folder cannot change. */
export const PATCH = apiRoute({ body: projectUpdateSchema }, async ({ user, params, body }) => {
  return projectSchema.parse(await presentProject(user, await updateProject(user.id, params.id!, body)));
});

/** DELETE /api/v1/projects/:id — the project and what hangs off it; a workspace folder the app created too. */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteProject(user.id, params.id!);
  return new Response(null, { status: 204 });
});
