/**
 * What a run hands its agent CLI: the agent's MCP servers (secrets opened) and
 * its hooks, in each CLI's own format. Pure: lib/mcp/launch.ts loads the
 * servers, the executors place the files (lib/executors/private-files.ts).
 */

export type LaunchServer = {
  name: string;
  transport: "stdio" | "http" | "sse";
  command: string;
  args: string[];
  env: Record<string, string>;
  url: string | null;
  headers: Record<string, string>;
};

export type AgentTooling = {
  mcpServers: LaunchServer[];
  /** Claude Code hooks ({ PreToolUse: [...] }, or a whole settings object with `hooks`). */
  hooks: Record<string, unknown> | null;
};

/** Claude Code's `--mcp-config` file (the .mcp.json format). */
export function claudeMcpConfig(servers: LaunchServer[]): string {
  const mcpServers: Record<string, unknown> = {};
  for (const s of servers) {
    mcpServers[s.name] =
      s.transport === "stdio"
        ? { type: "stdio", command: s.command, args: s.args, env: s.env }
        : { type: s.transport, url: s.url, headers: s.headers };
  }
  return JSON.stringify({ mcpServers }, null, 2);
}

/** Claude Code's `--settings` file carrying the agent's hooks. opcode keeps the hooks object itself; a full settings object is taken as it is. */
export function claudeSettings(hooks: Record<string, unknown>): string {
  const settings = typeof hooks.hooks === "object" && hooks.hooks !== null && !Array.isArray(hooks.hooks) ? hooks : { hooks };
  return JSON.stringify(settings, null, 2);
}

/** Gemini CLI settings (`mcpServers`: `httpUrl` is streamable HTTP, `url` is SSE), read as its system settings file. */
export function geminiSettings(servers: LaunchServer[]): string {
  const mcpServers: Record<string, unknown> = {};
  for (const s of servers) {
    if (s.transport === "stdio") mcpServers[s.name] = { command: s.command, args: s.args, env: s.env };
    else if (s.transport === "http") mcpServers[s.name] = { httpUrl: s.url, headers: s.headers };
    else mcpServers[s.name] = { url: s.url, headers: s.headers };
  }
  return JSON.stringify({ mcpServers }, null, 2);
}

/** A TOML basic string: JSON's escapes are all valid TOML ones. */
const toml = (value: string) => JSON.stringify(value);
const tomlTable = (map: Record<string, string>) => `{ ${Object.entries(map).map(([k, v]) => `${toml(k)} = ${toml(v)}`).join(", ")} }`;

/**
 * Codex `-c` overrides for `mcp_servers.<name>`: stdio servers and streamable HTTP ones (`url`,
 * `http_headers`); Codex has no SSE transport, so those are left out (the caller logs it).
 */
export function codexMcpArgs(servers: LaunchServer[]): { args: string[]; skipped: string[] } {
  const args: string[] = [];
  const skipped: string[] = [];
  for (const s of servers) {
    const key = `mcp_servers.${s.name}`;
    if (s.transport === "stdio") {
      args.push("-c", `${key}.command=${toml(s.command)}`, "-c", `${key}.args=[${s.args.map(toml).join(", ")}]`);
      if (Object.keys(s.env).length) args.push("-c", `${key}.env=${tomlTable(s.env)}`);
    } else if (s.transport === "http") {
      args.push("-c", `${key}.url=${toml(s.url ?? "")}`);
      if (Object.keys(s.headers).length) args.push("-c", `${key}.http_headers=${tomlTable(s.headers)}`);
    } else {
      skipped.push(s.name);
    }
  }
  return { args, skipped };
}
