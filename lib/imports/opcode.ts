import "server-only";
import { db } from "@/db/client";
import { agents } from "@/db/schema";
import { eq } from "drizzle-orm";
import { freeName, parseAgentItem } from "@/lib/agents/import-export";
import { agentRow } from "@/lib/agents/agents";
import type { RunStatus } from "@/lib/domain";
import { newId, nowIso } from "@/lib/domain/ids";
import { ProjectsByFolder } from "./projects";
import { reason } from "./report";
import { SourceDb, text } from "./sqlite-file";
import { isoTime } from "./times";
import type { ImportWriter } from "./writer";

/*
 * opcode's agents.db (src-tauri/src/commands/agents.rs, init_database): `agents` become agents
 * (checked like an agent-export file), `agent_runs` become finished runs in a project for their
 * `project_path`, `app_settings` are opcode's own settings and stay behind. A run's output is
 * not in agents.db (opcode reads it from Claude Code's session files), so its log says where it is.
 */

const WHAT = "opcode agents.db";

const STATUSES: Record<string, RunStatus> = { completed: "completed", failed: "failed", cancelled: "cancelled" };

export async function importOpcode(file: string, writer: ImportWriter): Promise<void> {
  const source = await SourceDb.open(file, WHAT);
  try {
    const agentCols = await source.require("agents", ["id", "name", "icon", "system_prompt"], WHAT);
    const runCols = await source.require("agent_runs", ["id", "agent_id", "task", "model", "project_path", "created_at"], WHAT);
    const col = (have: Set<string>, name: string, fallback = "NULL") => (have.has(name) ? `"${name}"` : `${fallback} AS "${name}"`);
    const agentRows = await source.all(
      `SELECT id, name, icon, system_prompt, ${["default_task", "model", "enable_file_read", "enable_file_write", "enable_network", "hooks", "created_at"].map((c) => col(agentCols, c)).join(", ")} FROM agents ORDER BY id`,
    );
    const runRows = await source.all(
      `SELECT id, agent_id, task, model, project_path, created_at, ${["agent_name", "session_id", "status", "process_started_at", "completed_at"].map((c) => col(runCols, c)).join(", ")} FROM agent_runs ORDER BY id`,
    );
    const settings = (await source.tables()).has("app_settings") ? await source.all("SELECT key FROM app_settings") : [];

    // Agents.
    const agentIds = new Map<string, string | null>();
    const knownAgents = await writer.known("agents");
    const taken = new Set((await db().select({ name: agents.name }).from(agents).where(eq(agents.userId, writer.userId))).map((a) => a.name));
    for (const row of agentRows) {
      const key = `${text(row.id)}@${text(row.created_at) ?? ""}`;
      const name = text(row.name) ?? "";
      const earlier = knownAgents.get(key);
      if (earlier) {
        agentIds.set(String(row.id), earlier);
        writer.report.skipped("agents", reason("alreadyImported"), name);
        continue;
      }
      const parsed = parseAgentItem({
        version: 1,
        agent: {
          name,
          icon: text(row.icon),
          system_prompt: text(row.system_prompt),
          default_task: text(row.default_task),
          model: text(row.model) ?? "sonnet",
          enable_file_read: row.enable_file_read === null ? undefined : Number(row.enable_file_read),
          enable_file_write: row.enable_file_write === null ? undefined : Number(row.enable_file_write),
          enable_network: row.enable_network === null ? undefined : Number(row.enable_network),
          hooks: text(row.hooks) ?? undefined,
        },
      });
      agentIds.set(String(row.id), null);
      if ("problem" in parsed) {
        writer.report.skipped("agents", reason("invalidAgent", { problem: parsed.problem }), name);
        continue;
      }
      if (!(await writer.takeRoom("agents", "agents", name))) continue;
      const newName = freeName(parsed.input.name, taken);
      taken.add(newName);
      const agent = agentRow(writer.userId, { ...parsed.input, executor: "claude-code" }, newName);
      // Every row gives the same keys (one guarded INSERT takes them all).
      agent.createdAt = isoTime(row.created_at) ?? nowIso();
      writer.agents.push(agent);
      agentIds.set(String(row.id), agent.id!);
      await writer.record("agents", key, agent.id!);
      writer.report.imported("agents");
    }

    // Runs, each in the project for its folder.
    const folders = new ProjectsByFolder(writer);
    const knownRuns = await writer.known("runs");
    for (const row of runRows) {
      const key = `${text(row.id)}@${text(row.created_at) ?? ""}`;
      const task = text(row.task) ?? "";
      if (knownRuns.has(key)) {
        writer.report.skipped("runs", reason("alreadyImported"), task);
        continue;
      }
      const agentId = agentIds.get(String(row.agent_id));
      if (!agentId) {
        writer.report.skipped("runs", reason(agentIds.has(String(row.agent_id)) ? "agentSkipped" : "agentMissing"), task);
        continue;
      }
      const folder = text(row.project_path) ?? "";
      const projectId = await folders.forFolder(folder);
      if (!projectId) {
        writer.report.skipped("runs", reason("projectSkipped", { folder }), task);
        continue;
      }
      const id = newId();
      const given = (text(row.status) ?? "").toLowerCase();
      const status: RunStatus = STATUSES[given] ?? "failed";
      const createdAt = isoTime(row.created_at) ?? new Date().toISOString();
      const completedAt = isoTime(row.completed_at) ?? (status === "failed" ? createdAt : null);
      const sessionId = text(row.session_id) || null;
      const error = STATUSES[given] ? null : `Imported from opcode while it was "${given || "pending"}" there; how it ended is not known.`;
      writer.runs.push({
        id,
        userId: writer.userId,
        agentId,
        projectId,
        task,
        model: text(row.model),
        executor: "claude-code",
        status,
        source: "import",
        sourceId: writer.importId,
        sessionId,
        input: { importedFrom: "opcode", projectPath: folder },
        error,
        createdAt,
        startedAt: isoTime(row.process_started_at) ?? createdAt,
        completedAt: completedAt ?? createdAt,
        lastSeq: 2,
      });
      writer.logs.push({
        runId: id,
        events: [
          {
            time: createdAt,
            event: {
              stream: "system",
              kind: "text",
              text: sessionId
                ? `Imported from opcode. Its output is in Claude Code's session file ${sessionId}.jsonl (under ~/.claude/projects); import that file on /import to read it as a conversation.`
                : "Imported from opcode, which kept no output for this run.",
            },
          },
          { time: completedAt ?? createdAt, event: { event: "status", status, at: completedAt ?? createdAt, error } },
        ],
      });
      await writer.record("runs", key, id);
      writer.report.imported("runs");
    }

    if (settings.length) writer.report.skipped("settings", reason("opcodeSettings"), settings.map((s) => text(s.key)).join(", "), settings.length);
  } finally {
    source.close();
  }
}
