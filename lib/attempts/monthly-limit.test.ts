import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as startPOST, GET as listGET } from "@/app/api/v1/tasks/[id]/attempts/route";
import { GET as attemptGET } from "@/app/api/v1/attempts/[id]/route";
import { POST as followUpPOST } from "@/app/api/v1/attempts/[id]/follow-ups/route";
import { db } from "@/db/client";
import { agentRuns, tasks, users } from "@/db/schema";
import { PLAN_LIMITS } from "@/lib/billing/plans";
import { apiRequest, idParams } from "@/tests/api";
import { fixture, runJob } from "./test-helpers";

/**
 * Issue 10 item 9: starting an attempt or a follow-up over the plan's monthly
 * run limit was accepted and then failed, turning a completed attempt into a
 * failed one. Now both are refused with a 403 up front, and a limit reached
 * in between leaves a completed attempt completed.
 */

const url = (p: string) => `http://x/api/v1${p}`;

/** A FREE user (with a repo, a script agent and a task) who has already used `used` runs this month. */
async function freeUserWithRuns(used: number) {
  const f = await fixture();
  await db().update(users).set({ plan: "FREE" }).where(eq(users.id, f.userId));
  await spendRuns(f, used);
  return f;
}

async function spendRuns(f: { userId: string; projectId: string }, n: number) {
  if (n === 0) return;
  await db()
    .insert(agentRuns)
    .values(Array.from({ length: n }, () => ({ userId: f.userId, projectId: f.projectId, task: "echo", executor: "script" as const, status: "completed" as const })));
}

const start = (f: Awaited<ReturnType<typeof fixture>>) =>
  startPOST(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth, "POST", { agentId: f.agentId, prompt: "hello" }), idParams(f.taskId));
const followUp = (f: Awaited<ReturnType<typeof fixture>>, id: string) =>
  followUpPOST(apiRequest(url(`/attempts/${id}/follow-ups`), f.user.auth, "POST", { message: "more" }), idParams(id));
const detail = async (f: Awaited<ReturnType<typeof fixture>>, id: string) => (await attemptGET(apiRequest(url(`/attempts/${id}`), f.user.auth), idParams(id))).json();

describe("attempts and follow-ups against the monthly run limit", () => {
  it("with the month used up, a new attempt and a follow-up are refused with 403 and the completed attempt stays completed", async () => {
    const f = await freeUserWithRuns(PLAN_LIMITS.FREE.runsPerMonth - 1);
    const started = await start(f);
    expect(started.status).toBe(201);
    const attempt = await started.json();
    await runJob(attempt.id); // its coding turn takes the last run of the month
    expect(await detail(f, attempt.id)).toMatchObject({ status: "completed" });

    const refused = await followUp(f, attempt.id);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/FREE plan allows 100 runs a month.*\/billing/) });
    expect(await detail(f, attempt.id)).toMatchObject({ status: "completed", error: null, drafts: [{ message: "hello", status: "sent" }] });

    const another = await start(f);
    expect(another.status).toBe(403);
    const list = await (await listGET(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth), idParams(f.taskId))).json();
    expect(list.data).toHaveLength(1);
  });

  it("when the last run goes elsewhere after a follow-up was accepted, the attempt stays completed and says why", async () => {
    const f = await freeUserWithRuns(PLAN_LIMITS.FREE.runsPerMonth - 2);
    const attempt = await (await start(f)).json();
    await runJob(attempt.id);
    expect((await followUp(f, attempt.id)).status).toBe(201);
    await spendRuns(f, 1); // e.g. a run started from /runs meanwhile
    await runJob(attempt.id);

    const after = await detail(f, attempt.id);
    expect(after).toMatchObject({
      status: "completed",
      error: expect.stringMatching(/runs a month/),
      drafts: [{ message: "hello", status: "sent" }, { message: "more", status: "cancelled" }],
    });
    expect(after.processes).toHaveLength(1);
    const [task] = await db().select({ status: tasks.status }).from(tasks).where(eq(tasks.id, f.taskId));
    expect(task!.status).toBe("review");
  });
});
