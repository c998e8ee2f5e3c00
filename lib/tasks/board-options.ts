import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { agents, projects, tags } from "@/db/schema";

export type BoardOption = { id: string; name: string };
export type BoardOptions = { projects: BoardOption[]; agents: BoardOption[]; tags: BoardOption[] };

/** The names the board's filters and forms choose from: every project, agent and tag of the user, by name. */
export async function boardOptions(userId: string): Promise<BoardOptions> {
  const [projectRows, agentRows, tagRows] = await Promise.all([
    db().select({ id: projects.id, name: projects.name }).from(projects).where(and(eq(projects.userId, userId), isNull(projects.deletedAt), eq(projects.kind, "user"))).orderBy(asc(projects.name)),
    db().select({ id: agents.id, name: agents.name }).from(agents).where(and(eq(agents.userId, userId), isNull(agents.deletedAt))).orderBy(asc(agents.name)),
    db().select({ id: tags.id, name: tags.name }).from(tags).where(eq(tags.userId, userId)).orderBy(asc(tags.name)),
  ]);
  return { projects: projectRows, agents: agentRows, tags: tagRows };
}
