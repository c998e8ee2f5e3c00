import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse, paginationQuery } from "@/lib/api/schemas";
import { createProject, listProjects, presentProject, presentProjects } from "@/lib/projects/projects";
import { projectCreateSchema, projectSchema } from "@/lib/projects/schemas";

const projectList = listResponse(projectSchema);

/** GET /api/v1/projects — the caller's projects, newest first (folders relative to their root unless an admin asks). */
export const GET = apiRoute({ query: paginationQuery }, async ({ user, query }) => {
  return projectList.parse(await presentProjects(user, await listProjects(user.id, query)));
});

/** POST /api/v1/projects — `{ name, path?, repoUrl?, config? }`; no path → a new empty git workspace. */
export const POST = apiRoute({ body: projectCreateSchema }, async ({ user, body }) => {
  const project = await createProject(user.id, body);
  return NextResponse.json(projectSchema.parse(await presentProject(user, project)), { status: 201 });
});
