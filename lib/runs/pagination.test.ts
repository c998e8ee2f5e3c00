import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agentRuns, projects } from "@/db/schema";
import { GET as runsGET } from "@/app/api/v1/runs/route";
import { apiAccount, apiRequest } from "@/tests/api";
import { newId } from "@/lib/domain/ids";

/*
 * GET /api/v1/runs pages by keyset on the time-ordered id: a page after a
 * cursor is "ids below it", so runs started while a client pages through
 * never shift the pages it has not read yet (no duplicates, no gaps).
 */

async function page(auth: string, query: string) {
  const res = await runsGET(apiRequest(`http://x/api/v1/runs?${query}`, auth));
  expect(res.status).toBe(200);
  return (await res.json()) as { data: Array<{ id: string; status: string }>; nextCursor: string | null };
}

async function addRuns(userId: string, projectId: string, n: number, status: "completed" | "failed" = "completed") {
  const rows = Array.from({ length: n }, () => ({ id: newId(), userId, projectId, task: "t", executor: "script" as const, status }));
  await db().insert(agentRuns).values(rows);
  return rows.map((r) => r.id);
}

describe("run list pagination", () => {
  it("walks every run exactly once, newest first, while new runs are started between pages", async () => {
    const { id: userId, auth } = await apiAccount(`pages-${newId()}@example.test`);
    const [project] = await db().insert(projects).values({ userId, name: "p", path: `/tmp/${newId()}` }).returning({ id: projects.id });
    const before = await addRuns(userId, project!.id, 230);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await page(auth, `limit=25${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...body.data.map((r) => r.id));
      cursor = body.nextCursor;
      pages++;
      await addRuns(userId, project!.id, 7); // someone starts runs while we page
    } while (cursor);
    expect(pages).toBe(Math.ceil(230 / 25));
    expect(seen).toEqual([...before].reverse());
    // The newest runs are where a fresh first page shows them.
    const first = await page(auth, "limit=7");
    expect(first.data.map((r) => r.id)).not.toContain(before.at(-1));
  });

  it("filters page the same way (status), and each page is read from an index in id order, not a sort", async () => {
    const { id: userId, auth } = await apiAccount(`pages-${newId()}@example.test`);
    const [project] = await db().insert(projects).values({ userId, name: "p", path: `/tmp/${newId()}` }).returning({ id: projects.id });
    const failed = await addRuns(userId, project!.id, 40, "failed");
    await addRuns(userId, project!.id, 40);
    const one = await page(auth, "status=failed&limit=30");
    const two = await page(auth, `status=failed&limit=30&cursor=${one.nextCursor}`);
    expect([...one.data, ...two.data].map((r) => r.id)).toEqual([...failed].reverse());
    expect(two.nextCursor).toBeNull();
    for (const where of [sql`user_id = ${userId}`, sql`user_id = ${userId} AND status = 'failed'`, sql`project_id = ${project!.id}`]) {
      const plan = await db().all<{ detail: string }>(sql`EXPLAIN QUERY PLAN SELECT id FROM agent_runs WHERE ${where} AND id < 'z' ORDER BY id DESC LIMIT 26`);
      expect(plan.map((p) => p.detail).join("\n")).not.toMatch(/TEMP B-TREE|SCAN agent_runs/);
    }
  });
});
