import fs from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { drafts, merges, taskAttempts } from "@/db/schema";
import { GET as diffGET } from "@/app/api/v1/attempts/[id]/diff/route";
import { POST as discardPOST } from "@/app/api/v1/attempts/[id]/discard/route";
import { POST as followUpPOST } from "@/app/api/v1/attempts/[id]/follow-ups/route";
import { POST as mergePOST } from "@/app/api/v1/attempts/[id]/merge/route";
import { POST as rebasePOST } from "@/app/api/v1/attempts/[id]/rebase/route";
import { apiRequest, idParams } from "@/tests/api";
import { waitFor } from "@/lib/queue/test-helpers";
import { deleteTask } from "@/lib/tasks/tasks";
import { getAttempt, getAttemptDetail, sendFollowUp, startAttempt } from "./attempts";
import { mergeAttempt } from "./review";
import { fixture, runJob, sh } from "./test-helpers";

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const url = (p: string) => `http://x/api/v1${p}`;

async function finished() {
  const f = await fixture();
  const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "note" });
  await runJob(attempt.id);
  return { ...f, attemptId: attempt.id };
}

const worktreeOf = async (id: string) => (await db().select({ p: taskAttempts.worktreePath }).from(taskAttempts).where(eq(taskAttempts.id, id)))[0]!.p!;

describe("concurrent merges and follow-ups", () => {
  it("two merges at once: one merges, the other is a 409; one merge row", async () => {
    const f = await finished();
    const results = await Promise.allSettled([mergeAttempt(f.userId, f.attemptId, { mode: "merge" }), mergeAttempt(f.userId, f.attemptId, { mode: "merge" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await db().select().from(merges).where(eq(merges.attemptId, f.attemptId))).toHaveLength(1);
  });

  it("a follow-up racing a merge never leaves a merged attempt queued with work that cannot be merged", async () => {
    for (let i = 0; i < 3; i++) {
      const f = await finished();
      const [merge, follow] = await Promise.allSettled([mergeAttempt(f.userId, f.attemptId, {}), sendFollowUp(f.userId, f.attemptId, "more")]);
      const attempt = await getAttempt(f.userId, f.attemptId);
      const queuedDrafts = await db().select().from(drafts).where(eq(drafts.attemptId, f.attemptId));
      if (merge.status === "fulfilled") {
        expect(follow).toMatchObject({ status: "rejected", reason: { code: "conflict" } });
        expect(attempt).toMatchObject({ status: "completed", mergedAt: expect.any(String) });
        expect(queuedDrafts.filter((d) => d.status === "queued")).toEqual([]);
      } else {
        expect(merge.reason).toMatchObject({ code: "conflict" });
        expect(attempt).toMatchObject({ status: "queued", mergedAt: null });
      }
    }
  });

  it("a merge that fails (conflict) gives its claim back, so the attempt can be followed up and merged later", async () => {
    const f = await finished();
    fs.writeFileSync(`${f.repo}/notes.txt`, "mine\n");
    sh(f.repo, "add", "-A");
    sh(f.repo, "commit", "-q", "-m", "mine");
    await expect(mergeAttempt(f.userId, f.attemptId, { mode: "merge" })).rejects.toMatchObject({ code: "conflict" });
    expect((await getAttempt(f.userId, f.attemptId)).mergedAt).toBeNull();
    expect((await sendFollowUp(f.userId, f.attemptId, "again")).status).toBe("queued");
  });
});

describe("an attempt whose base branch was deleted", () => {
  it("merge answers 409 naming the branch (not 500) and stays unmerged", async () => {
    const f = await finished();
    sh(f.repo, "checkout", "-q", "-b", "other");
    sh(f.repo, "branch", "-q", "-D", "main");
    const response = await mergePOST(apiRequest(url(`/attempts/${f.attemptId}/merge`), f.user.auth, "POST", {}), idParams(f.attemptId));
    expect(response.status).toBe(409);
    expect((await response.json()).error.message).toMatch(/base branch main no longer exists/);
    expect((await getAttempt(f.userId, f.attemptId)).mergedAt).toBeNull();
  });
});

describe("an attempt whose project folder was deleted", () => {
  it("merge, rebase and diff answer 409 (not 500); discard still works and removes the worktree folder", async () => {
    const f = await finished();
    const worktree = await worktreeOf(f.attemptId);
    expect(fs.existsSync(worktree)).toBe(true);
    fs.rmSync(f.repo, { recursive: true, force: true });
    const id = idParams(f.attemptId);
    for (const response of [
      await mergePOST(apiRequest(url(`/attempts/${f.attemptId}/merge`), f.user.auth, "POST", {}), id),
      await rebasePOST(apiRequest(url(`/attempts/${f.attemptId}/rebase`), f.user.auth, "POST"), id),
      await diffGET(apiRequest(url(`/attempts/${f.attemptId}/diff`), f.user.auth), id),
    ]) {
      expect(response.status).toBe(409);
      expect((await response.json()).error.message).toMatch(/no longer a git repository/);
    }
    expect((await getAttempt(f.userId, f.attemptId)).mergedAt).toBeNull();
    const discarded = await discardPOST(apiRequest(url(`/attempts/${f.attemptId}/discard`), f.user.auth, "POST"), id);
    expect(discarded.status).toBe(200);
    expect(await discarded.json()).toMatchObject({ discardedAt: expect.any(String) });
    expect(fs.existsSync(worktree)).toBe(false);
    const follow = await followUpPOST(apiRequest(url(`/attempts/${f.attemptId}/follow-ups`), f.user.auth, "POST", { message: "x" }), id);
    expect(follow.status).toBe(409);
  });
});

describe("an attempt that disappears or stops while its job is between turns", () => {
  it("deleting the task while the agent runs ends the job instead of looping forever", async () => {
    const f = await fixture({ agentTask: "sleep 1" });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "slow" });
    const job = runJob(attempt.id);
    await waitFor(async () => (await getAttemptDetail(f.userId, attempt.id)).processes.some((p) => p.status === "running"), { what: "agent running" });
    await deleteTask(f.userId, f.taskId);
    const result = await Promise.race([job, new Promise((resolve) => setTimeout(() => resolve("still looping"), 8_000))]);
    expect(result).toMatchObject({ status: "cancelled" });
  });
});
