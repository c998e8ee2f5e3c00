import "server-only";
import type { LaunchServer } from "./formats";
import { openSecrets, serverRows } from "./servers";

/**
 * The servers a run was given (its agent's mcpServerIds, kept in the run's
 * input), with their secrets opened for the run's private config file. Only
 * the run's own user's servers are ever found; one deleted since is skipped.
 */
export async function launchServers(userId: string, ids: string[]): Promise<LaunchServer[]> {
  if (ids.length === 0) return [];
  const rows = await serverRows(userId, { ids });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => ({
      name: r.name,
      transport: r.transport,
      command: r.command,
      args: r.args ?? [],
      env: openSecrets(r.env ?? {}),
      url: r.url,
      headers: openSecrets(r.headers ?? {}),
    }));
}
