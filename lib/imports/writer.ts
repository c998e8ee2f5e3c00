import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { BatchItem } from "drizzle-orm/batch";
import { db, dbClient, yieldToEventLoop } from "@/db/client";
import {
  agentRuns,
  agents,
  conversations,
  executionProcesses,
  importItems,
  merges,
  messages,
  projects,
  tags,
  taskAttempts,
  tasks,
  type ImportItem,
} from "@/db/schema";
import type { ImportKind, ImportSource } from "@/lib/domain";
import { guardedInsert, planLimitCondition, planRoom, type LimitedResource } from "@/lib/billing/limits";
import { wholeLogStatements, type RunEventInput } from "@/lib/runs/event-log";
import { ImportReport, reason, refuse } from "./report";

/** Where each kind's rows live, to tell whether an earlier import's row still exists. */
const TABLES: Partial<Record<ImportKind, typeof projects | typeof agents | typeof tags | typeof tasks | typeof taskAttempts | typeof agentRuns | typeof conversations>> = {
  projects,
  agents,
  tags,
  tasks,
  attempts: taskAttempts,
  runs: agentRuns,
  conversations,
};

/** Rows per INSERT: the widest table (agent_runs, ~25 columns) stays far below SQLite's variable limit. */
const CHUNK = 100;
/** Log rows per write transaction, so a big log never holds the write lock for long. */
const EVENTS_PER_BATCH = 2_000;

type LogToWrite = { runId: string; events: Array<{ event: RunEventInput; time: string }> };

/** The rows an import creates, gathered while reading the other tool's file and written by `commit`. */
export class ImportWriter {
  readonly report = new ImportReport();
  readonly projects: Array<typeof projects.$inferInsert> = [];
  readonly agents: Array<typeof agents.$inferInsert> = [];
  readonly tags: Array<typeof tags.$inferInsert> = [];
  readonly tasks: Array<typeof tasks.$inferInsert> = [];
  readonly attempts: Array<typeof taskAttempts.$inferInsert> = [];
  readonly runs: Array<typeof agentRuns.$inferInsert> = [];
  readonly processes: Array<typeof executionProcesses.$inferInsert> = [];
  readonly merges: Array<typeof merges.$inferInsert> = [];
  readonly conversations: Array<typeof conversations.$inferInsert> = [];
  readonly messages: Array<typeof messages.$inferInsert> = [];
  readonly logs: LogToWrite[] = [];
  private readonly items: ImportItem[] = [];
  private readonly knownKeys = new Map<ImportKind, Map<string, string>>();
  private readonly room = new Map<LimitedResource, { plan: string; limit: number | null; left: number | null }>();

  constructor(
    readonly userId: string,
    readonly importId: string,
    readonly source: ImportSource,
  ) {}

  /** What earlier imports of this user made from the other tool's rows of `kind`: source key -> our id. */
  async known(kind: ImportKind): Promise<Map<string, string>> {
    let map = this.knownKeys.get(kind);
    if (!map) {
      const rows = await db()
        .select({ key: importItems.sourceKey, id: importItems.targetId })
        .from(importItems)
        .where(and(eq(importItems.userId, this.userId), eq(importItems.source, this.source), eq(importItems.kind, kind)));
      // Only what still exists: a row the user deleted since comes back with this import.
      const table = TABLES[kind];
      const alive = new Set<string>();
      const ids = rows.map((r) => r.id);
      for (let i = 0; table && i < ids.length; i += 500) {
        const found = await db().select({ id: table.id }).from(table).where(inArray(table.id, ids.slice(i, i + 500)));
        for (const row of found) alive.add(row.id);
      }
      map = new Map(rows.filter((r) => !table || alive.has(r.id)).map((r) => [r.key, r.id]));
      this.knownKeys.set(kind, map);
    }
    return map;
  }

  /** Remembers that `targetId` is the other tool's `sourceKey` of `kind` (written with the rows; a later import skips it). */
  async record(kind: ImportKind, sourceKey: string, targetId: string): Promise<void> {
    (await this.known(kind)).set(sourceKey, targetId);
    this.items.push({ userId: this.userId, source: this.source, kind, sourceKey, targetId, importId: this.importId });
  }

  /**
   * Takes one more `resource` if the plan has room for it: false (and the report says why)
   * when it does not fit. The INSERT is guarded too (commit).
   */
  async takeRoom(resource: LimitedResource, kind: ImportKind, example: string): Promise<boolean> {
    let room = this.room.get(resource);
    if (!room) {
      room = await planRoom(this.userId, resource);
      this.room.set(resource, room);
    }
    if (room.left === null) return true;
    if (room.left > 0) {
      room.left--;
      return true;
    }
    this.report.skipped(kind, reason("planLimit", { plan: room.plan, limit: room.limit ?? 0, what: { key: `import.kind.${kind}` } }), example);
    return false;
  }

  /** Steps `commit` reports progress in: the rows, then each batch of log lines. */
  get steps(): number {
    return 1 + this.logBatches().length;
  }

  private logBatches(): Array<{ sql: string; args: import("@libsql/client").InValue[] }[]> {
    const batches: Array<{ sql: string; args: import("@libsql/client").InValue[] }[]> = [];
    let current: { sql: string; args: import("@libsql/client").InValue[] }[] = [];
    let rows = 0;
    for (const log of this.logs) {
      for (const statement of wholeLogStatements(log.runId, log.events)) {
        current.push(statement);
        rows += statement.args.length / 7;
        if (rows >= EVENTS_PER_BATCH) {
          batches.push(current);
          current = [];
          rows = 0;
        }
      }
    }
    if (current.length) batches.push(current);
    return batches;
  }

  /**
   * Writes everything: all rows in ONE transaction (plan limits checked inside the INSERTs),
   * then the logs in bounded transactions. Anything failing after the first deletes what this
   * import made (`undoImport`), so a file is imported whole or not at all.
   */
  async commit(onProgress: (done: number, total: number) => Promise<void>): Promise<void> {
    const total = this.steps;
    const statements: BatchItem<"sqlite">[] = [];
    const guarded: Array<{ index: number; rows: number }> = [];
    const guard = (table: SQLiteTable, rows: Array<Record<string, unknown>>, resource: LimitedResource) => {
      if (!rows.length) return;
      guarded.push({ index: statements.length, rows: rows.length });
      statements.push(db().run(guardedInsert(table, rows as never, this.userId, planLimitCondition(resource, rows.length))) as BatchItem<"sqlite">);
    };
    guard(projects, this.projects, "projects");
    guard(agents, this.agents, "agents");
    guard(tags, this.tags, "tags");
    const plain = <T extends SQLiteTable>(table: T, rows: Array<T["$inferInsert"]>) => {
      for (let i = 0; i < rows.length; i += CHUNK) statements.push(db().insert(table).values(rows.slice(i, i + CHUNK)) as BatchItem<"sqlite">);
    };
    plain(tasks, this.tasks.filter((t) => !t.parentTaskId));
    plain(tasks, this.tasks.filter((t) => t.parentTaskId));
    plain(taskAttempts, this.attempts);
    plain(agentRuns, this.runs);
    plain(executionProcesses, this.processes);
    plain(merges, this.merges);
    plain(conversations, this.conversations);
    plain(messages, this.messages);
    // A row re-imported because the user had deleted it takes over its old record.
    for (let i = 0; i < this.items.length; i += CHUNK) {
      statements.push(
        db()
          .insert(importItems)
          .values(this.items.slice(i, i + CHUNK))
          .onConflictDoUpdate({
            target: [importItems.userId, importItems.source, importItems.kind, importItems.sourceKey],
            set: { targetId: sql`excluded.target_id`, importId: sql`excluded.import_id` },
          }) as BatchItem<"sqlite">,
      );
    }
    if (statements.length) {
      const results = (await db().batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as Array<{ rowsAffected?: number }>;
      // A guarded INSERT that took nothing: another request filled the plan meanwhile.
      if (guarded.some((g) => (results[g.index]?.rowsAffected ?? 0) !== g.rows)) {
        await undoImport(this.userId, this.importId);
        refuse("limitRace");
      }
    }
    await onProgress(1, total);
    try {
      let done = 1;
      for (const batch of this.logBatches()) {
        await dbClient().batch(batch, "write");
        await onProgress(++done, total);
        await yieldToEventLoop();
      }
    } catch (error) {
      await undoImport(this.userId, this.importId);
      throw error;
    }
  }
}

/**
 * Deletes what an import created (what its import_items name), children first; what hangs
 * under them (messages, attempts, processes, run events) goes with them by foreign key. Safe
 * to repeat: used when an import fails after writing, or its worker died.
 */
export async function undoImport(userId: string, importId: string): Promise<void> {
  const rows = await db()
    .select({ kind: importItems.kind, id: importItems.targetId })
    .from(importItems)
    .where(and(eq(importItems.importId, importId), eq(importItems.userId, userId)));
  const ids = (kind: ImportKind) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const order: Array<[ImportKind, SQLiteTable & { id: unknown; userId?: unknown }, (list: string[]) => SQL | undefined]> = [
    ["conversations", conversations, (l) => and(inArray(conversations.id, l), eq(conversations.userId, userId))],
    ["runs", agentRuns, (l) => and(inArray(agentRuns.id, l), eq(agentRuns.userId, userId))],
    ["tasks", tasks, (l) => and(inArray(tasks.id, l), eq(tasks.userId, userId))],
    ["agents", agents, (l) => and(inArray(agents.id, l), eq(agents.userId, userId))],
    ["tags", tags, (l) => and(inArray(tags.id, l), eq(tags.userId, userId))],
    ["projects", projects, (l) => and(inArray(projects.id, l), eq(projects.userId, userId))],
  ];
  for (const [kind, table, where] of order) {
    const list = ids(kind);
    for (let i = 0; i < list.length; i += 500) await db().delete(table).where(where(list.slice(i, i + 500)));
  }
  await db().delete(importItems).where(and(eq(importItems.importId, importId), eq(importItems.userId, userId)));
}
