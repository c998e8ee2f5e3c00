import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobHandlers } from "@/lib/server/job-handlers";
import { waitFor } from "@/lib/queue/test-helpers";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { createIdea, getIdeaDetail } from "./ideas";
import { startRefinement } from "./refine";
import { ideaOwner, printLines, scriptAgent } from "./test-helpers";

let worker: Worker;
beforeAll(() => {
  worker = startWorker({ handlers: jobHandlers, pollMs: 50, keepAlive: false });
});
afterAll(async () => {
  await worker.stop({ drainMs: 100, abortGraceMs: 500 });
});

describe("refine_idea through the app's queue worker", () => {
  it("a refinement started like the Refine button does ends with the agent's questions on the idea", async () => {
    const owner = await ideaOwner("refine-worker@example.com");
    const agent = await scriptAgent(owner.userId, printLines("```switchboard-questions", '["Which database?"]', "```"));
    const idea = await createIdea(owner.userId, { projectId: owner.projectId, title: "Store things", description: "", priority: 1, source: "web" });
    await startRefinement(owner.userId, idea.id, agent.id);
    const done = await waitFor(async () => {
      const d = await getIdeaDetail(owner.userId, idea.id);
      return d.status === "questions" ? d : null;
    }, { what: "the idea to have questions" });
    expect(done.questions.map((q) => q.question)).toEqual(["Which database?"]);
    expect(done.refinement).toMatchObject({ status: "completed" });
  });
});
