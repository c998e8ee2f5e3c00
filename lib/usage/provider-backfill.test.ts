import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { describe, expect, it } from "vitest";

/*
 * The migration that added usage by provider (0011_links_providers), on a database that already had usage:
 * a real libSQL file migrated up to the migration before it, filled, then migrated to the end.
 */

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

/** A copy of the migrations folder that stops before the one adding `usage_records.provider`. */
function migrationsBeforeProviders(): string {
  const dir = fs.mkdtempSync(path.join(process.env.DATA_DIR!, "migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
  const stop = journal.entries.findIndex((e) => fs.readFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), "utf8").includes("ADD `provider`"));
  expect(stop).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, stop);
  fs.mkdirSync(path.join(dir, "meta"));
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe("usage by provider for usage recorded before it existed", () => {
  it("takes each record's provider from its run's executor (the provider's default name) and fills the provider rollups", async () => {
    const client = createClient({ url: `file:${path.join(process.env.DATA_DIR!, "backfill.db")}` });
    const database = drizzle(client);
    await migrate(database, { migrationsFolder: migrationsBeforeProviders() });
    const at = "2026-11-03T10:00:00.000Z";
    await client.execute(`INSERT INTO users (id, email, name, role, plan, created_at, updated_at) VALUES ('u1', 'old@example.com', 'Old', 'user', 'FREE', '${at}', '${at}')`);
    await client.execute(`INSERT INTO projects (id, user_id, name, path, created_at, updated_at) VALUES ('p1', 'u1', 'p', '/tmp/p', '${at}', '${at}')`);
    const executors = ["openai-compatible", "anthropic", "claude-code", "script", "gemini", "codex"];
    for (const [i, executor] of executors.entries()) {
      await client.execute(`INSERT INTO agent_runs (id, user_id, project_id, task, executor, status, created_at) VALUES ('r${i}', 'u1', 'p1', 't', '${executor}', 'completed', '${at}')`);
      await client.execute(`INSERT INTO usage_records (id, user_id, project_id, run_id, model, input_tokens, cost_usd, created_at) VALUES ('ur${i}', 'u1', 'p1', 'r${i}', 'm', ${10 * (i + 1)}, ${i}, '${at}')`);
    }
    // Usage whose run was deleted keeps no executor: no provider.
    await client.execute(`INSERT INTO usage_records (id, user_id, model, input_tokens, created_at) VALUES ('orphan', 'u1', 'm', 5, '${at}')`);

    await migrate(database, { migrationsFolder: MIGRATIONS });

    const providers = await client.execute("SELECT id, provider FROM usage_records ORDER BY id");
    expect(providers.rows.map((r) => [r.id, r.provider])).toEqual([
      ["orphan", ""],
      ["ur0", "openai"],
      ["ur1", "anthropic"],
      ["ur2", "anthropic"],
      ["ur3", ""],
      ["ur4", "google"],
      ["ur5", "openai"],
    ]);
    const rollups = async (dimension: string) =>
      (await client.execute({ sql: "SELECT key, records, runs, input_tokens FROM usage_rollups WHERE dimension = ? ORDER BY key", args: [dimension] })).rows.map((r) => [r.key, r.records, r.runs, r.input_tokens]);
    const expected = [
      ["", 2, 1, 45],
      ["anthropic", 2, 2, 50],
      ["google", 1, 1, 50],
      ["openai", 2, 2, 70],
    ];
    expect(await rollups("provider")).toEqual(expected);
    expect(await rollups("provider:month")).toEqual(expected);
    // The other dimensions were not counted twice by the backfill.
    expect(await rollups("total")).toEqual([["", 7, 6, 215]]);

    // And the recreated triggers keep the provider rollups from then on: insert, change, delete.
    await client.execute(`INSERT INTO usage_records (id, user_id, model, provider, input_tokens, created_at) VALUES ('new', 'u1', 'm', '127.0.0.1:8000', 7, '${at}')`);
    await client.execute("UPDATE usage_records SET provider = 'localhost:11434' WHERE id = 'new'");
    await client.execute("DELETE FROM usage_records WHERE id = 'ur0'");
    expect(await rollups("provider")).toEqual([
      ["", 2, 1, 45],
      ["127.0.0.1:8000", 0, 0, 0],
      ["anthropic", 2, 2, 50],
      ["google", 1, 1, 50],
      ["localhost:11434", 1, 0, 7],
      ["openai", 1, 1, 60],
    ]);
    client.close();
  });
});
