import "server-only";
import { and, eq } from "drizzle-orm";
import type { InValue } from "@libsql/client";
import { db } from "@/db/client";
import { tags, tasks } from "@/db/schema";
import type { AttemptStatus, Executor, ProcessKind, RunStatus, TaskStatus } from "@/lib/domain";
import { newId, nowIso } from "@/lib/domain/ids";
import type { RunLogEvent } from "@/lib/executors/types";
import { ClaudeStreamParser } from "@/lib/executors/parsers/claude-stream-json";
import type { RunEventInput } from "@/lib/runs/event-log";
import { ProjectsByFolder } from "./projects";
import { reason, refuse } from "./report";
import { SourceDb, text, uuidText } from "./sqlite-file";
import { isoTime } from "./times";
import type { ImportWriter } from "./writer";

/*
 * vibe-kanban's db.sqlite (its crates/db/migrations). The layout of its 2025 releases up to
 * v0.0.138: projects (git_repo_path and scripts on the project; from v0.0.137-20251216 in
 * repos/project_repos, target branches in attempt_repos), tasks, task_attempts, execution_processes with their logs
 * (execution_process_logs: JSONL, one serialized LogMsg per line; or stdout/stderr columns in
 * the oldest layout), executor_sessions, tags, images. Ids are 16-byte BLOB uuids. The later
 * layout (workspaces and sessions, from v0.0.139) is refused with a reason.
 */

const WHAT = "vibe-kanban db.sqlite";

const TASK_STATUSES: Record<string, TaskStatus> = {
  todo: "queued",
  inprogress: "in_progress",
  inreview: "review",
  done: "done",
  cancelled: "cancelled",
};
const PROCESS_STATUSES: Record<string, RunStatus> = { completed: "completed", failed: "failed", killed: "cancelled", running: "failed" };
const PROCESS_KINDS: Record<string, ProcessKind> = { setupscript: "setup", codingagent: "coding_agent", cleanupscript: "cleanup" };
/** Most log lines kept of one process; the rest is cut with a note. */
const MAX_LINES_PER_RUN = 200_000;

/** vibe-kanban's coding agent names (CLAUDE_CODE, claude-code, claude, ...) as our executors; null for one we have none of. */
function executorOf(name: string | null): Executor | null {
  const n = (name ?? "").toLowerCase().replace(/[_\s]+/g, "-");
  if (n === "claude-code" || n === "claude" || n === "claude-plan" || n === "claude-code-router") return "claude-code";
  if (n === "codex") return "codex";
  if (n === "gemini") return "gemini";
  return null;
}

type Action = { prompt: string | null; script: string | null; executor: string | null };

/** What an execution process ran, from its executor_action JSON ({ typ: { type, prompt | script, executor_profile_id } }). */
function actionOf(raw: string | null, fallbackExecutor: string | null): Action {
  const out: Action = { prompt: null, script: null, executor: fallbackExecutor };
  if (!raw) return out;
  try {
    const typ = (JSON.parse(raw) as { typ?: Record<string, unknown> }).typ ?? {};
    if (typeof typ.prompt === "string") out.prompt = typ.prompt;
    if (typeof typ.script === "string") out.script = typ.script;
    const profile = (typ.executor_profile_id ?? typ.profile_variant_label) as Record<string, unknown> | undefined;
    const executor = profile?.executor ?? profile?.profile ?? typ.profile;
    if (typeof executor === "string") out.executor = executor;
  } catch {
    // Not JSON: the process is kept with what the other columns say.
  }
  return out;
}

/**
 * A process's log as our run events: Stdout/Stderr chunks joined into lines (Claude Code's
 * stream-json parsed the way a live claude-code run's is), SessionId as a system line;
 * JsonPatch entries (vibe-kanban's normalized view of the same output) and Finished are left out.
 */
class LogConverter {
  readonly events: Array<{ event: RunEventInput; time: string }> = [];
  sessionId: string | null = null;
  cut = false;
  private readonly partial = { stdout: "", stderr: "" };
  private readonly claude: ClaudeStreamParser | null;

  constructor(executor: Executor | null) {
    this.claude = executor === "claude-code" ? new ClaudeStreamParser() : null;
  }

  private push(events: RunLogEvent[], time: string) {
    for (const event of events) {
      if (this.events.length >= MAX_LINES_PER_RUN) {
        this.cut = true;
        return;
      }
      this.events.push({ event, time });
    }
  }

  private line(stream: "stdout" | "stderr", line: string, time: string) {
    if (stream === "stdout" && this.claude && line.trim().startsWith("{")) this.push(this.claude.parseLine(line), time);
    else if (line.trim()) this.push([{ stream, kind: "text", text: line }], time);
  }

  private chunk(stream: "stdout" | "stderr", chunk: string, time: string) {
    const lines = (this.partial[stream] + chunk).split(/\r?\n/);
    this.partial[stream] = lines.pop() ?? "";
    for (const line of lines) this.line(stream, line, time);
  }

  /** One row of execution_process_logs: JSONL, one LogMsg per line. */
  addJsonl(jsonl: string, time: string) {
    for (const raw of jsonl.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        this.push([{ stream: "stdout", kind: "text", text: line }], time);
        continue;
      }
      if (msg === "Finished" || (typeof msg === "object" && msg !== null && "Finished" in msg)) continue;
      if (typeof msg !== "object" || msg === null) continue;
      const m = msg as Record<string, unknown>;
      if (typeof m.Stdout === "string") this.chunk("stdout", m.Stdout, time);
      else if (typeof m.Stderr === "string") this.chunk("stderr", m.Stderr, time);
      else if (typeof m.SessionId === "string") {
        this.sessionId ??= m.SessionId;
        this.push([{ stream: "system", kind: "session", text: `Session ${m.SessionId}` }], time);
      }
      // JsonPatch: a derived view of the lines above.
    }
  }

  /** The oldest layout's stdout/stderr columns: plain text. */
  addText(stream: "stdout" | "stderr", value: string, time: string) {
    this.chunk(stream, value.endsWith("\n") ? value : `${value}\n`, time);
  }

  finish(time: string) {
    for (const stream of ["stdout", "stderr"] as const) if (this.partial[stream]) this.line(stream, this.partial[stream], time);
    if (this.cut) this.events.push({ time, event: { stream: "system", kind: "text", level: "warn", text: `[log cut at ${MAX_LINES_PER_RUN} lines by the import]` } });
  }

  usage() {
    return this.claude?.summary();
  }
}

export async function importVibeKanban(file: string, writer: ImportWriter): Promise<void> {
  const source = await SourceDb.open(file, WHAT);
  try {
    const tables = await source.tables();
    if (!tables.has("task_attempts") && tables.has("workspaces")) refuse("vibeKanbanNewer");
    const projectCols = await source.require("projects", ["id", "name"], WHAT);
    const taskCols = await source.require("tasks", ["id", "project_id", "title", "status"], WHAT);
    const attemptCols = await source.require("task_attempts", ["id", "task_id"], WHAT);
    const processCols = await source.require("execution_processes", ["id", "task_attempt_id", "status"], WHAT);
    const logCols = tables.has("execution_process_logs") ? await source.require("execution_process_logs", ["execution_id", "logs"], WHAT) : null;
    const sessionCols = tables.has("executor_sessions") ? await source.require("executor_sessions", ["execution_process_id"], WHAT) : null;
    const col = (have: Set<string>, name: string, as = name) => (have.has(name) ? `"${name}" AS "${as}"` : `NULL AS "${as}"`);

    // Projects: the folder and scripts on the project, or (December 2025) on its first repository.
    const hasRepos = !projectCols.has("git_repo_path") && tables.has("project_repos") && tables.has("repos");
    if (hasRepos) {
      await source.require("project_repos", ["project_id", "repo_id"], WHAT);
      await source.require("repos", ["id", "path"], WHAT);
    }
    const projectRows = hasRepos
      ? await source.all(
          `SELECT p.id, p.name, (SELECT r.path FROM project_repos pr JOIN repos r ON r.id = pr.repo_id WHERE pr.project_id = p.id ORDER BY pr.rowid LIMIT 1) AS folder,
             (SELECT pr.setup_script FROM project_repos pr WHERE pr.project_id = p.id ORDER BY pr.rowid LIMIT 1) AS setup_script FROM projects p ORDER BY p.rowid`,
        )
      : await source.all(`SELECT id, name, ${col(projectCols, "git_repo_path", "folder")}, ${col(projectCols, "setup_script")} FROM projects ORDER BY rowid`);
    const folders = new ProjectsByFolder(writer);
    const projectIds = new Map<string, string | null>();
    for (const row of projectRows) {
      const uuid = uuidText(row.id);
      if (!uuid) continue;
      const known = (await writer.known("projects")).get(uuid);
      const name = text(row.name) ?? "";
      if (known) writer.report.skipped("projects", reason("alreadyImported"), name);
      projectIds.set(uuid, known ?? (await folders.forFolder(text(row.folder) ?? "", { name, setupScript: text(row.setup_script), sourceKey: uuid })));
    }

    // Tasks, parents first (a subtask hangs off an attempt of its parent task there).
    const taskRows = await source.all(
      `SELECT id, project_id, title, status, ${col(taskCols, "description")}, ${col(taskCols, "created_at")}, ${col(taskCols, "updated_at")}, ${col(taskCols, "parent_task_attempt")} FROM tasks ORDER BY rowid`,
    );
    // From v0.0.137-20251216 an attempt's target branch is per repository, in attempt_repos.
    const perRepoBranch = !attemptCols.has("target_branch") && tables.has("attempt_repos");
    if (perRepoBranch) await source.require("attempt_repos", ["attempt_id", "target_branch"], WHAT);
    const targetBranch = perRepoBranch
      ? `(SELECT ar.target_branch FROM attempt_repos ar WHERE ar.attempt_id = task_attempts.id ORDER BY ar.rowid LIMIT 1) AS "target_branch"`
      : col(attemptCols, "target_branch");
    const attemptRows = await source.all(
      `SELECT id, task_id, ${col(attemptCols, "executor")}, ${col(attemptCols, "branch")}, ${targetBranch}, ${col(attemptCols, "base_branch")}, ${col(attemptCols, "created_at")}, ${col(attemptCols, "updated_at")} FROM task_attempts ORDER BY rowid`,
    );
    const attemptTask = new Map(attemptRows.map((a) => [uuidText(a.id) ?? "", uuidText(a.task_id) ?? ""]));
    const knownTasks = await writer.known("tasks");
    const taskIds = new Map<string, string | null>();
    const pending = taskRows.map((row) => ({ row, uuid: uuidText(row.id) ?? "", parent: attemptTask.get(uuidText(row.parent_task_attempt) ?? "") ?? null }));
    for (let round = 0; pending.length && round < 50; round++) {
      for (let i = 0; i < pending.length; ) {
        const { row, uuid, parent } = pending[i]!;
        if (parent && !taskIds.has(parent) && pending.some((p) => p.uuid === parent)) {
          i++;
          continue; // its parent comes first
        }
        pending.splice(i, 1);
        const title = (text(row.title) ?? "").trim().slice(0, 200) || "(untitled)";
        const known = knownTasks.get(uuid);
        if (known) {
          taskIds.set(uuid, known);
          writer.report.skipped("tasks", reason("alreadyImported"), title);
          continue;
        }
        const projectId = projectIds.get(uuidText(row.project_id) ?? "") ?? null;
        taskIds.set(uuid, null);
        if (!projectId) {
          writer.report.skipped("tasks", reason("projectSkipped", { folder: "" }), title);
          continue;
        }
        const id = newId();
        const createdAt = isoTime(row.created_at) ?? nowIso();
        writer.tasks.push({
          id,
          userId: writer.userId,
          projectId,
          parentTaskId: parent ? (taskIds.get(parent) ?? null) : null,
          title,
          description: (text(row.description) ?? "").slice(0, 20_000),
          status: TASK_STATUSES[(text(row.status) ?? "").toLowerCase()] ?? "queued",
          createdAt,
          updatedAt: isoTime(row.updated_at) ?? createdAt,
        });
        taskIds.set(uuid, id);
        await writer.record("tasks", uuid, id);
        writer.report.imported("tasks");
      }
    }

    // Execution processes, with their sessions, grouped by attempt.
    const processRows = await source.all(
      `SELECT id, task_attempt_id, status, ${col(processCols, "run_reason")}, ${col(processCols, "process_type")}, ${col(processCols, "executor_action")},
         ${col(processCols, "executor_type")}, ${col(processCols, "exit_code")}, ${col(processCols, "started_at")}, ${col(processCols, "completed_at")},
         ${col(processCols, "created_at")}, ${col(processCols, "stdout")}, ${col(processCols, "stderr")} FROM execution_processes ORDER BY rowid`,
    );
    const sessions = new Map<string, string>();
    if (sessionCols) {
      for (const s of await source.all(`SELECT execution_process_id, ${col(sessionCols, "session_id")} FROM executor_sessions`)) {
        const sid = text(s.session_id);
        if (sid) sessions.set(uuidText(s.execution_process_id) ?? "", sid);
      }
    }

    const knownAttempts = await writer.known("attempts");
    for (const attempt of attemptRows) {
      const uuid = uuidText(attempt.id) ?? "";
      const branch = (text(attempt.branch) ?? "").slice(0, 250) || `vk/${uuid.slice(0, 8)}`;
      if (knownAttempts.has(uuid)) {
        writer.report.skipped("attempts", reason("alreadyImported"), branch);
        continue;
      }
      const taskId = taskIds.get(uuidText(attempt.task_id) ?? "") ?? null;
      if (!taskId) {
        writer.report.skipped("attempts", reason("taskSkipped"), branch);
        continue;
      }
      // The task came in with this import, or an earlier one (a newer copy of the same database): the attempt joins it.
      const projectId =
        writer.tasks.find((t) => t.id === taskId)?.projectId ??
        (await db().select({ projectId: tasks.projectId }).from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.userId, writer.userId))).limit(1))[0]?.projectId;
      if (!projectId) {
        writer.report.skipped("attempts", reason("taskSkipped"), branch);
        continue;
      }
      const attemptId = newId();
      const createdAt = isoTime(attempt.created_at) ?? nowIso();
      const mine = processRows.filter((p) => uuidText(p.task_attempt_id) === uuid);
      let attemptStatus: AttemptStatus = "completed";
      const processes: Array<typeof writer.processes[number]> = [];
      for (const p of mine) {
        const pid = uuidText(p.id) ?? "";
        const kindName = (text(p.run_reason) ?? text(p.process_type) ?? "").toLowerCase();
        const action = actionOf(text(p.executor_action), text(p.executor_type) ?? text(attempt.executor));
        const isAgent = kindName === "codingagent";
        const executor = isAgent ? executorOf(action.executor) : null;
        const status = PROCESS_STATUSES[(text(p.status) ?? "").toLowerCase()] ?? "failed";
        if (isAgent) attemptStatus = status;
        const started = isoTime(p.started_at) ?? isoTime(p.created_at) ?? createdAt;
        const completed = isoTime(p.completed_at) ?? started;
        const log = new LogConverter(executor);
        const intro = isAgent
          ? `Imported from vibe-kanban: a ${action.executor ?? "coding agent"} turn of attempt ${branch}.`
          : `Imported from vibe-kanban: the ${kindName || "script"} of attempt ${branch}.`;
        log.events.push({ time: started, event: { stream: "system", kind: "text", text: intro } });
        if (logCols) {
          const chunks = await source.all(
            `SELECT logs, ${col(logCols, "inserted_at")} FROM execution_process_logs WHERE execution_id = ? ORDER BY ${logCols.has("inserted_at") ? "inserted_at, " : ""}rowid`,
            [p.id as InValue],
          );
          for (const c of chunks) log.addJsonl(text(c.logs) ?? "", isoTime(c.inserted_at) ?? started);
        }
        if (text(p.stdout)) log.addText("stdout", text(p.stdout)!, started);
        if (text(p.stderr)) log.addText("stderr", text(p.stderr)!, started);
        log.finish(completed);
        const usage = log.usage()?.usage;
        const error = text(p.status) === "running" ? "Imported from vibe-kanban while it was still running there; how it ended is not known." : null;
        log.events.push({ time: completed, event: { event: "status", status, at: completed, exitCode: p.exit_code === null ? null : Number(p.exit_code), error } });
        const runId = newId();
        const task = action.prompt ?? action.script ?? kindName;
        writer.runs.push({
          id: runId,
          userId: writer.userId,
          agentId: null,
          projectId,
          task: task || "(imported)",
          model: usage?.model ?? null,
          // A coding agent we have no executor for (AMP, Cursor, ...) is kept as a script run; its name is in the log and input.
          executor: executor ?? "script",
          status,
          source: "attempt",
          sourceId: attemptId,
          sessionId: sessions.get(pid) ?? log.sessionId,
          input: { importedFrom: "vibe-kanban", importedExecutor: action.executor, runReason: kindName },
          exitCode: p.exit_code === null ? null : Number(p.exit_code),
          error,
          inputTokens: usage?.inputTokens ?? 0,
          outputTokens: usage?.outputTokens ?? 0,
          cacheReadTokens: usage?.cacheReadTokens ?? 0,
          cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
          costUsd: usage?.costUsd ?? 0,
          createdAt: isoTime(p.created_at) ?? started,
          startedAt: started,
          completedAt: completed,
          lastSeq: log.events.length,
        });
        writer.logs.push({ runId, events: log.events });
        writer.report.imported("runs");
        writer.report.imported("logLines", log.events.length);
        await writer.record("runs", pid, runId);
        const kind = PROCESS_KINDS[kindName];
        if (kind) processes.push({ id: newId(), attemptId, runId, kind, status, createdAt: started, completedAt: completed });
      }
      writer.attempts.push({
        id: attemptId,
        taskId,
        agentId: null,
        branch,
        baseBranch: text(attempt.target_branch) ?? text(attempt.base_branch),
        status: mine.length ? attemptStatus : "completed",
        // There is no worktree of it on this server: nothing for the cleanup job to remove.
        worktreeCleanedAt: nowIso(),
        createdAt,
        updatedAt: isoTime(attempt.updated_at) ?? createdAt,
      });
      writer.processes.push(...processes);
      await writer.record("attempts", uuid, attemptId);
      writer.report.imported("attempts");
    }

    // Merges of the imported attempts.
    if (tables.has("merges")) {
      const mergeCols = await source.require("merges", ["task_attempt_id", "merge_type"], WHAT);
      for (const m of await source.all(`SELECT task_attempt_id, merge_type, ${col(mergeCols, "merge_commit")}, ${col(mergeCols, "pr_url")}, ${col(mergeCols, "created_at")} FROM merges`)) {
        const attemptId = (await writer.known("attempts")).get(uuidText(m.task_attempt_id) ?? "");
        const ours = writer.attempts.find((a) => a.id === attemptId);
        if (!ours) continue;
        const kind = text(m.merge_type) === "pr" ? "pr" : "direct";
        writer.merges.push({ attemptId: ours.id!, kind, mergeCommit: text(m.merge_commit), prUrl: text(m.pr_url), createdAt: isoTime(m.created_at) ?? nowIso() });
        if (kind === "direct") ours.mergedAt = isoTime(m.created_at) ?? nowIso();
      }
    }

    // Tags (reusable prompt snippets).
    if (tables.has("tags")) {
      await source.require("tags", ["id", "tag_name", "content"], WHAT);
      const knownTags = await writer.known("tags");
      const existing = new Set(
        (await db().select({ name: tags.name }).from(tags).where(and(eq(tags.userId, writer.userId)))).map((t) => t.name),
      );
      for (const t of await source.all("SELECT id, tag_name, content FROM tags ORDER BY rowid")) {
        const uuid = uuidText(t.id) ?? "";
        const name = (text(t.tag_name) ?? "").trim().slice(0, 60);
        if (knownTags.has(uuid)) writer.report.skipped("tags", reason("alreadyImported"), name);
        else if (!name) writer.report.skipped("tags", reason("tagInvalid"), uuid);
        else if (existing.has(name)) writer.report.skipped("tags", reason("tagExists", { name }), name);
        else if (await writer.takeRoom("tags", "tags", name)) {
          const id = newId();
          existing.add(name);
          writer.tags.push({ id, userId: writer.userId, name, content: (text(t.content) ?? "").slice(0, 10_000) });
          await writer.record("tags", uuid, id);
          writer.report.imported("tags");
        }
      }
    }

    // Images: their files live in vibe-kanban's cache folder, not in db.sqlite.
    if (tables.has("task_images")) {
      const [row] = await source.all("SELECT count(*) AS n FROM task_images");
      const n = Number(row?.n ?? 0);
      if (n) writer.report.skipped("images", reason("imageFiles"), undefined, n);
    }
  } finally {
    source.close();
  }
}
