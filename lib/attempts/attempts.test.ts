import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agentRuns, jobs, tasks } from "@/db/schema";
import { waitFor } from "@/lib/queue/test-helpers";
import { apiAccount } from "@/tests/api";
import { getAttemptDetail, sendFollowUp, startAttempt } from "./attempts";
import { boardColumns } from "@/lib/tasks/board-columns";
import { attemptDiff, mergeAttempt } from "./review";
import { exists, fixture, read, runJob, sh } from "./test-helpers";

const taskStatus = async (id: string) => (await db().select({ s: tasks.status }).from(tasks).where(eq(tasks.id, id)))[0]!.s;

describe("attempts on a real git repository", () => {
  it("runs setup then the agent in its own worktree, keeps the checkout untouched, commits on the branch", async () => {
    const f = await fixture({ setupScript: "pwd > setup-cwd.txt" });
    const headBefore = sh(f.repo, "rev-parse", "HEAD");
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "write the notes" });
    expect(attempt).toMatchObject({ status: "queued", baseBranch: "main" });
    expect(attempt.branch).toMatch(/^switchboard\/add-notes-file-[0-9a-f]{8}$/);
    expect(await taskStatus(f.taskId)).toBe("in_progress");
    const [job] = await db().select({ type: jobs.type, payload: jobs.payload }).from(jobs).where(eq(jobs.userId, f.userId));
    expect(job).toMatchObject({ type: "run_attempt", payload: { attemptId: attempt.id } });

    await runJob(attempt.id);
    const done = await getAttemptDetail(f.userId, attempt.id);
    expect(done.status).toBe("completed");
    expect(done.processes.map((p) => [p.kind, p.status])).toEqual([
      ["setup", "completed"],
      ["coding_agent", "completed"],
    ]);
    expect(done.drafts.map((d) => [d.message, d.status])).toEqual([["write the notes", "sent"]]);
    expect(done.beforeCommit).toBe(headBefore);
    expect(done.baseCommit).toBe(headBefore);
    expect(done.afterCommit).not.toBe(headBefore);
    expect(done.headCommit).toBe(done.afterCommit);
    expect(sh(f.repo, "rev-parse", attempt.branch)).toBe(done.afterCommit);
    expect(await taskStatus(f.taskId)).toBe("review");

    // The worktree lives outside the checkout; the setup ran there first.
    const worktree = sh(f.repo, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree "))[1]!.slice(9);
    expect(path.relative(f.repo, worktree).startsWith("..")).toBe(true);
    expect(read(worktree, "setup-cwd.txt").trim()).toBe(fs.realpathSync(worktree));
    expect(read(worktree, "notes.txt")).toBe("write the notes\n");
    // The project's checkout: same HEAD, same files, clean.
    expect(sh(f.repo, "rev-parse", "HEAD")).toBe(headBefore);
    expect(exists(f.repo, "notes.txt")).toBe(false);
    expect(sh(f.repo, "status", "--porcelain")).toBe("");

    const diff = await attemptDiff(f.userId, attempt.id);
    expect(diff.files.map((x) => [x.path, x.status, x.additions, x.deletions]).sort()).toEqual([
      ["notes.txt", "added", 1, 0],
      ["setup-cwd.txt", "added", 1, 0],
    ]);
    expect(diff.patch).toContain("+write the notes");

    // The first turn carried the task's context; the run shows in /runs like any other.
    const [run] = await db().select({ task: agentRuns.task, input: agentRuns.input }).from(agentRuns).where(eq(agentRuns.id, done.processes[1]!.runId!));
    const prompt = (run!.input as { env: Record<string, string> }).env.SWITCHBOARD_PROMPT!;
    expect(prompt).toContain("# Task: Add notes file");
    expect(prompt).toContain("Write notes.");
  });

  it("a follow-up sent while the agent is busy runs next, in the same worktree", async () => {
    const f = await fixture({ agentTask: 'sleep 1; printf "%s\\n" "$SWITCHBOARD_PROMPT" | tail -n 1 >> notes.txt' });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "first" });
    const running = runJob(attempt.id);
    await waitFor(async () => (await getAttemptDetail(f.userId, attempt.id)).processes.some((p) => p.status === "running"), { what: "agent running" });
    const queued = await sendFollowUp(f.userId, attempt.id, "second");
    expect(queued.status).toBe("running");
    expect(queued.drafts.map((d) => [d.message, d.status])).toEqual([
      ["first", "sent"],
      ["second", "queued"],
    ]);
    await running;
    const done = await getAttemptDetail(f.userId, attempt.id);
    expect(done.status).toBe("completed");
    expect(done.processes.map((p) => p.kind)).toEqual(["coding_agent", "coding_agent"]);
    const diff = await attemptDiff(f.userId, attempt.id);
    expect(diff.patch).toContain("+first\n+second");
    expect(sh(f.repo, "log", "--format=%s", attempt.branch).split("\n").slice(0, 2)).toEqual(["Add notes file: second", "Add notes file: first"]);
  });

  it("a follow-up after completion re-queues the attempt with a new job", async () => {
    const f = await fixture();
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "one" });
    await runJob(attempt.id);
    const again = await sendFollowUp(f.userId, attempt.id, "two");
    expect(again.status).toBe("queued");
    expect(await taskStatus(f.taskId)).toBe("in_progress");
    const attemptJobs = await db().select({ payload: jobs.payload }).from(jobs).where(eq(jobs.userId, f.userId));
    expect(attemptJobs).toHaveLength(2);
    await runJob(attempt.id);
    const done = await getAttemptDetail(f.userId, attempt.id);
    expect(done.status).toBe("completed");
    expect((await attemptDiff(f.userId, attempt.id)).files[0]).toMatchObject({ path: "notes.txt", additions: 2 });
  });

  it("a failing setup script fails the attempt with a clear error and runs no agent", async () => {
    const f = await fixture({ setupScript: "echo broken >&2; exit 3" });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId });
    await runJob(attempt.id);
    const done = await getAttemptDetail(f.userId, attempt.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/^The setup script failed/);
    expect(done.processes.map((p) => p.kind)).toEqual(["setup"]);
    // The first message was never sent: it waits, and runs after the setup when a follow-up re-queues the attempt.
    expect(done.drafts.map((d) => d.status)).toEqual(["queued"]);
  });

  it("refuses a folder that is not a git repository (409) and another user's task or attempt (404)", async () => {
    const f = await fixture({ repo: fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), "sb-plain-")) });
    await expect(startAttempt(f.userId, f.taskId, { agentId: f.agentId })).rejects.toMatchObject({ code: "conflict" });
    const g = await fixture();
    const attempt = await startAttempt(g.userId, g.taskId, { agentId: g.agentId });
    const stranger = await apiAccount("stranger@example.test");
    await expect(startAttempt(stranger.id, g.taskId, { agentId: g.agentId })).rejects.toMatchObject({ code: "not_found" });
    await expect(getAttemptDetail(stranger.id, attempt.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(sendFollowUp(stranger.id, attempt.id, "x")).rejects.toMatchObject({ code: "not_found" });
    await expect(startAttempt(g.userId, g.taskId, { agentId: f.agentId })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the board follows attempts", () => {
  it("a card shows its latest attempt: queued, then completed with the task in review, then merged and done", async () => {
    const f = await fixture();
    const card = async () =>
      Object.values(await boardColumns(f.userId, { projectId: f.projectId }))
        .flatMap((column) => column.cards)
        .find((c) => c.id === f.taskId)!;
    expect((await card()).attempt).toBeNull();
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "note" });
    expect(await card()).toMatchObject({ status: "in_progress", attempt: { status: "queued", merged: false } });
    await runJob(attempt.id);
    expect(await card()).toMatchObject({ status: "review", attempt: { status: "completed", merged: false } });
    await mergeAttempt(f.userId, attempt.id, {});
    expect(await card()).toMatchObject({ status: "done", attempt: { status: "completed", merged: true } });
  });
});
