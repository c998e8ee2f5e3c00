import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs } from "@/db/schema";
import { completeJob } from "@/lib/queue/queue";
import { getRunForUser } from "@/lib/runs/runs";
import { cancelRun } from "@/lib/runs/lifecycle";
import { listTasks } from "@/lib/tasks/tasks";
import { approveIdea } from "./approve";
import { createIdea, getIdeaDetail, listIdeas, rejectIdea } from "./ideas";
import { answerQuestion, skipQuestion } from "./questions";
import { buildRefinementPrompt, startRefinement } from "./refine";
import { refineIdeaJobDefinition } from "./refine-job";
import { ideaOwner, printLines, runNextRefineJob, scriptAgent } from "./test-helpers";

const asksDatabase = printLines("Let me think.", "```switchboard-questions", '["Which database?", "Who can see it?"]', "```");

async function refinedIdea(email: string, task = asksDatabase) {
  const owner = await ideaOwner(email);
  const agent = await scriptAgent(owner.userId, task);
  const idea = await createIdea(owner.userId, { projectId: owner.projectId, title: "Export CSV", description: "Let people export runs.", priority: 2, source: "web" });
  const refining = await startRefinement(owner.userId, idea.id, agent.id);
  const { job, result } = await runNextRefineJob();
  await completeJob(job, result ?? null);
  return { ...owner, agent, idea, refining, detail: await getIdeaDetail(owner.userId, idea.id) };
}

describe("ideas", () => {
  it("are the owner's only: another user gets not_found for every operation", async () => {
    const a = await ideaOwner("idea-a@example.com");
    const b = await ideaOwner("idea-b@example.com");
    const idea = await createIdea(a.userId, { projectId: a.projectId, title: "Mine", description: "", priority: 1, source: "web" });
    expect(idea).toMatchObject({ status: "pending", source: "web", priority: 1 });
    const agentB = await scriptAgent(b.userId, "true");
    await expect(getIdeaDetail(b.userId, idea.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(rejectIdea(b.userId, idea.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(approveIdea(b.userId, idea.id, {})).rejects.toMatchObject({ code: "not_found" });
    await expect(startRefinement(b.userId, idea.id, agentB.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(createIdea(b.userId, { projectId: a.projectId, title: "x", description: "", priority: 1, source: "api" })).rejects.toMatchObject({ code: "not_found" });
    expect((await listIdeas(b.userId, { limit: 25 })).data).toEqual([]);
    expect((await listIdeas(a.userId, { limit: 25, status: "pending" })).data.map((i) => i.id)).toEqual([idea.id]);
    expect((await listIdeas(a.userId, { limit: 25, status: "rejected" })).data).toEqual([]);
  });

  it("refining runs the agent as an ordinary run and turns its questions block into open questions", async () => {
    const { userId, agent, refining, detail } = await refinedIdea("refine-ok@example.com");
    expect(refining.status).toBe("refining");
    expect(refining.refinementRunId).toBeTruthy();
    expect(detail.status).toBe("questions");
    expect(detail.questions.map((q) => [q.question, q.status, q.askedByAgentId])).toEqual([
      ["Which database?", "open", agent.id],
      ["Who can see it?", "open", agent.id],
    ]);
    expect(detail.refinement).toMatchObject({ status: "completed", problems: [] });
    const run = await getRunForUser(userId, refining.refinementRunId!);
    expect(run).toMatchObject({ status: "completed", agentId: agent.id });
  });

  it("the prompt carries the idea, what was answered or skipped, and the block format", () => {
    const prompt = buildRefinementPrompt({ title: "Export CSV", description: "Let people export." }, [
      { question: "Which columns?", answer: "All", status: "answered" },
      { question: "Zip it?", answer: null, status: "skipped" },
      { question: "Open one?", answer: null, status: "open" },
    ]);
    expect(prompt).toContain("Idea: Export CSV");
    expect(prompt).toContain("Q: Which columns?\nA: All");
    expect(prompt).toContain("Q: Zip it?");
    expect(prompt).not.toContain("Open one?");
    expect(prompt).toContain("```switchboard-questions");
  });

  it("a refinement that asks nothing still moves to questions; a malformed block is reported, not fatal", async () => {
    const none = await refinedIdea("refine-none@example.com", "echo 'Looks clear to me.'");
    expect(none.detail).toMatchObject({ status: "questions", questions: [] });
    const bad = await refinedIdea("refine-bad@example.com", printLines("```switchboard-questions", "[not json", "```"));
    expect(bad.detail.status).toBe("questions");
    expect(bad.detail.refinement!.problems).toEqual(["The switchboard-questions block is not valid JSON; it was ignored."]);
  });

  it("a failed refinement run puts the idea back to pending with the run's error to see", async () => {
    const { detail } = await refinedIdea("refine-fail@example.com", "echo broken; exit 4");
    expect(detail.status).toBe("pending");
    expect(detail.refinement).toMatchObject({ status: "failed" });
    expect(detail.refinement!.error).toMatch(/4/);
  });

  it("refining is refused while refining; an interrupted worker fails the run and frees the idea", async () => {
    const owner = await ideaOwner("refine-twice@example.com");
    const agent = await scriptAgent(owner.userId, "true");
    const idea = await createIdea(owner.userId, { projectId: owner.projectId, title: "T", description: "", priority: 1, source: "api" });
    const refining = await startRefinement(owner.userId, idea.id, agent.id);
    await expect(startRefinement(owner.userId, idea.id, agent.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(rejectIdea(owner.userId, idea.id)).rejects.toMatchObject({ code: "conflict" });
    const [job] = await db().select().from(jobs).where(eq(jobs.id, refining.refinementRunId!));
    expect(job).toMatchObject({ type: "refine_idea", payload: { ideaId: idea.id, runId: refining.refinementRunId } });
    await refineIdeaJobDefinition.onInterrupted!({ ...job!, status: "dead" });
    await db().delete(jobs).where(eq(jobs.id, job!.id)); // as if the queue had given up on it
    const after = await getIdeaDetail(owner.userId, idea.id);
    expect(after.status).toBe("pending");
    expect(after.refinement).toMatchObject({ status: "failed", error: expect.stringMatching(/interrupted/) });
  });

  it("cancelling the refinement run before it starts (on /runs) frees the idea", async () => {
    const owner = await ideaOwner("refine-cancel@example.com");
    const agent = await scriptAgent(owner.userId, "true");
    const idea = await createIdea(owner.userId, { projectId: owner.projectId, title: "C", description: "", priority: 1, source: "web" });
    const refining = await startRefinement(owner.userId, idea.id, agent.id);
    expect((await cancelRun(owner.userId, refining.refinementRunId!)).status).toBe("cancelled");
    const after = await getIdeaDetail(owner.userId, idea.id);
    expect(after).toMatchObject({ status: "pending", refinement: { status: "cancelled" } });
    const [job] = await db().select({ status: jobs.status }).from(jobs).where(eq(jobs.id, refining.refinementRunId!));
    expect(job!.status).toBe("cancelled");
  });

  it("answers and skips questions; re-answering replaces; a later refinement sees the answers and does not repeat questions", async () => {
    const { userId, agent, idea, detail } = await refinedIdea("answer@example.com");
    const [db1, who] = detail.questions;
    await answerQuestion(userId, db1!.id, "SQLite");
    const again = await answerQuestion(userId, db1!.id, "libSQL");
    expect(again).toMatchObject({ status: "answered", answer: "libSQL" });
    expect(again.answeredAt).toBeTruthy();
    expect(await skipQuestion(userId, who!.id)).toMatchObject({ status: "skipped", answer: null });

    await startRefinement(userId, idea.id, agent.id);
    const { job, result } = await runNextRefineJob();
    await completeJob(job, result ?? null);
    const later = await getIdeaDetail(userId, idea.id);
    expect(later.status).toBe("questions");
    expect(later.questions).toHaveLength(2);
  });

  it("approving makes one task from the idea with a spec of its description and answers, once", async () => {
    const { userId, projectId, idea, detail } = await refinedIdea("approve@example.com");
    await answerQuestion(userId, detail.questions[0]!.id, "libSQL");
    const [first, second] = await Promise.allSettled([approveIdea(userId, idea.id, {}), approveIdea(userId, idea.id, {})]);
    const ok = [first, second].filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    const { idea: converted, tasks } = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof approveIdea>>>).value;
    expect(converted.status).toBe("converted");
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: "Export CSV", description: "Let people export runs.", ideaId: idea.id, projectId, priority: 2, status: "queued" });
    expect(tasks[0]!.spec).toContain("Let people export runs.");
    expect(tasks[0]!.spec).toContain("Q: Which database?\nA: libSQL");
    expect(tasks[0]!.spec).not.toContain("Who can see it?");
    expect((await listTasks(userId, { ideaId: idea.id, limit: 100 })).data).toHaveLength(1);
    await expect(approveIdea(userId, idea.id, {})).rejects.toMatchObject({ code: "conflict" });
    await expect(answerQuestion(userId, detail.questions[1]!.id, "late")).rejects.toMatchObject({ code: "conflict" });
    await expect(rejectIdea(userId, idea.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("approving uses the tickets the refinement proposed, or the ones given", async () => {
    const proposes = printLines("```switchboard-tasks", '[{"title": "Add export endpoint", "description": "GET /export", "type": "feature"}, {"title": "Button", "type": "chore"}]', "```");
    const { userId, idea, detail } = await refinedIdea("approve-proposed@example.com", proposes);
    expect(detail.refinement).toMatchObject({ status: "completed", problems: [] });
    const { tasks } = await approveIdea(userId, idea.id, {});
    expect(tasks.map((t) => [t.title, t.type, t.priority])).toEqual([
      ["Add export endpoint", "feature", 2],
      ["Button", "chore", 2],
    ]);
    expect(tasks[0]!.spec).toContain("## This ticket\n\nGET /export");

    const given = await refinedIdea("approve-given@example.com", proposes);
    const made = await approveIdea(given.userId, given.idea.id, { tasks: [{ title: "Only this", description: "", type: "bugfix", priority: 3 }] });
    expect(made.tasks.map((t) => [t.title, t.type, t.priority])).toEqual([["Only this", "bugfix", 3]]);
  });

  it("rejecting a pending idea ends it; a rejected idea cannot be refined or approved", async () => {
    const owner = await ideaOwner("reject@example.com");
    const agent = await scriptAgent(owner.userId, "true");
    const idea = await createIdea(owner.userId, { projectId: owner.projectId, title: "No", description: "", priority: 0, source: "cli" });
    expect((await rejectIdea(owner.userId, idea.id)).status).toBe("rejected");
    expect((await rejectIdea(owner.userId, idea.id)).status).toBe("rejected");
    await expect(startRefinement(owner.userId, idea.id, agent.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(approveIdea(owner.userId, idea.id, {})).rejects.toMatchObject({ code: "conflict" });
  });
});
