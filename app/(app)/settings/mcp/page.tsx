import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { listMcpServers } from "@/lib/mcp/servers";
import { McpImportForm } from "./_components/import-form";
import { McpServerButtons } from "./_components/server-actions";
import { McpServerForm } from "./_components/server-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("mcp.title") };
}

/**
 * The user's MCP servers: add, edit, check, delete, import and export. Secret values (env and
 * header values) never reach this page: only their names.
 */
export default async function McpServersPage() {
  const user = await requireUser();
  const t = await getT();
  const servers = await listMcpServers(user.id);
  return (
    <>
      <div className="flex max-w-3xl flex-wrap items-start justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("mcp.description")}</p>
        {servers.length > 0 && (
          <a className={buttonClass("secondary")} href="/api/v1/mcp-servers/export" download=".mcp.json">
            {t("mcp.export")}
          </a>
        )}
      </div>
      {servers.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("mcp.list.empty")}</p>}
      <ul className="space-y-4" aria-label={t("mcp.title")}>
        {servers.map((server) => (
          <li key={server.id}>
            <Card aria-labelledby={`mcp-${server.id}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0 space-y-1">
                  <h2 id={`mcp-${server.id}`} className="flex items-center gap-2 text-base font-semibold">
                    {server.name} <Badge>{server.transport}</Badge>
                  </h2>
                  <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-300">
                    {server.transport === "stdio" ? [server.command, ...server.args].join(" ") : server.url}
                  </p>
                  {[...server.envNames, ...server.headerNames].length > 0 && (
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {t("mcp.list.secrets")}: {[...server.envNames, ...server.headerNames].join(", ")}
                    </p>
                  )}
                </div>
                <McpServerButtons id={server.id} name={server.name} />
              </div>
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium text-indigo-600 dark:text-indigo-400">{t("mcp.edit.title", { name: server.name })}</summary>
                <div className="mt-3">
                  <McpServerForm server={server} />
                </div>
              </details>
            </Card>
          </li>
        ))}
      </ul>
      <Card aria-labelledby="mcp-add">
        <h2 id="mcp-add" className="mb-3 text-base font-semibold">
          {t("mcp.add.title")}
        </h2>
        <McpServerForm />
      </Card>
      <Card aria-labelledby="mcp-import">
        <h2 id="mcp-import" className="text-base font-semibold">
          {t("mcp.import.title")}
        </h2>
        <p className="mt-1 mb-3 text-sm text-zinc-500 dark:text-zinc-400">{t("mcp.import.hint")}</p>
        <McpImportForm />
      </Card>
    </>
  );
}
