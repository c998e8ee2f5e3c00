import { describe, expect, it } from "vitest";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { createProject } from "@/lib/projects/projects";
import { completeJob } from "@/lib/queue/queue";
import { GET as listGET, POST as createPOST } from "@/app/api/v1/ideas/route";
import { GET as ideaGET } from "@/app/api/v1/ideas/[id]/route";
import { POST as refinePOST } from "@/app/api/v1/ideas/[id]/refine/route";
import { POST as approvePOST } from "@/app/api/v1/ideas/[id]/approve/route";
import { POST as rejectPOST } from "@/app/api/v1/ideas/[id]/reject/route";
import { POST as answerPOST } from "@/app/api/v1/questions/[id]/answer/route";
import { POST as skipPOST } from "@/app/api/v1/questions/[id]/skip/route";
import { printLines, runNextRefineJob, scriptAgent } from "./test-helpers";

const base = "http://x/api/v1";

async function account(email: string) {
  const acct = await apiAccount(email);
  const project = await createProject(acct.id, { name: "demo" });
  return { ...acct, projectId: project.id };
}

describe("/api/v1/ideas and /api/v1/questions", () => {
  it("idea -> refine -> answer and skip -> approve, over HTTP", async () => {
    const me = await account("ideas-api@example.com");
    const created = await createPOST(apiRequest(`${base}/ideas`, me.auth, "POST", { projectId: me.projectId, title: "Dark mode", description: "A toggle." }));
    expect(created.status).toBe(201);
    const idea = await created.json();
    expect(idea).toMatchObject({ title: "Dark mode", status: "pending", source: "api" });
    const cli = await (await createPOST(apiRequest(`${base}/ideas`, me.auth, "POST", { projectId: me.projectId, title: "From CLI", source: "cli" }))).json();
    expect(cli.source).toBe("cli");

    const list = await (await listGET(apiRequest(`${base}/ideas?projectId=${me.projectId}&status=pending`, me.auth))).json();
    expect(list.data.map((i: { id: string }) => i.id)).toEqual([cli.id, idea.id]);
    expect(list.nextCursor).toBeNull();

    const agent = await scriptAgent(me.id, printLines("```switchboard-questions", '["Default on?", "Per user?"]', "```"));
    const refine = await refinePOST(apiRequest(`${base}/ideas/${idea.id}/refine`, me.auth, "POST", { agentId: agent.id }), idParams(idea.id));
    expect(refine.status).toBe(202);
    expect(await refine.json()).toMatchObject({ status: "refining", refinementRunId: expect.any(String) });
    const again = await refinePOST(apiRequest(`${base}/ideas/${idea.id}/refine`, me.auth, "POST", { agentId: agent.id }), idParams(idea.id));
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already being refined/);
    const { job, result } = await runNextRefineJob();
    await completeJob(job, result ?? null);

    const detail = await (await ideaGET(apiRequest(`${base}/ideas/${idea.id}`, me.auth), idParams(idea.id))).json();
    expect(detail.status).toBe("questions");
    expect(detail.questions.map((q: { question: string }) => q.question)).toEqual(["Default on?", "Per user?"]);
    const [q1, q2] = detail.questions;

    const answered = await answerPOST(apiRequest(`${base}/questions/${q1.id}/answer`, me.auth, "POST", { answer: "No" }), idParams(q1.id));
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ status: "answered", answer: "No" });
    const skipped = await skipPOST(apiRequest(`${base}/questions/${q2.id}/skip`, me.auth, "POST"), idParams(q2.id));
    expect(await skipped.json()).toMatchObject({ status: "skipped" });

    const approved = await approvePOST(apiRequest(`${base}/ideas/${idea.id}/approve`, me.auth, "POST", {}), idParams(idea.id));
    expect(approved.status).toBe(200);
    const body = await approved.json();
    expect(body.idea.status).toBe("converted");
    expect(body.tasks).toHaveLength(1);
    expect(body.tasks[0]).toMatchObject({ title: "Dark mode", ideaId: idea.id });
    expect(body.tasks[0].spec).toContain("Q: Default on?\nA: No");
    const twice = await approvePOST(apiRequest(`${base}/ideas/${idea.id}/approve`, me.auth, "POST", {}), idParams(idea.id));
    expect(twice.status).toBe(409);

    const rejected = await rejectPOST(apiRequest(`${base}/ideas/${cli.id}/reject`, me.auth, "POST"), idParams(cli.id));
    expect(await rejected.json()).toMatchObject({ status: "rejected" });
  });

  it("bad input is a 400 naming the field; another user's ids are 404", async () => {
    const me = await account("ideas-api-bad@example.com");
    const other = await account("ideas-api-other@example.com");
    const noTitle = await createPOST(apiRequest(`${base}/ideas`, me.auth, "POST", { projectId: me.projectId, title: "  " }));
    expect(noTitle.status).toBe(400);
    expect((await noTitle.json()).error.fields).toHaveProperty("title");
    const badJson = await createPOST(apiRequest(`${base}/ideas`, me.auth, "POST", "{nope"));
    expect(badJson.status).toBe(400);
    const badStatus = await listGET(apiRequest(`${base}/ideas?status=maybe`, me.auth));
    expect(badStatus.status).toBe(400);
    const foreignProject = await createPOST(apiRequest(`${base}/ideas`, me.auth, "POST", { projectId: other.projectId, title: "x" }));
    expect(foreignProject.status).toBe(404);

    const idea = await (await createPOST(apiRequest(`${base}/ideas`, me.auth, "POST", { projectId: me.projectId, title: "Mine" }))).json();
    const noAgent = await refinePOST(apiRequest(`${base}/ideas/${idea.id}/refine`, me.auth, "POST", {}), idParams(idea.id));
    expect(noAgent.status).toBe(400);
    expect((await noAgent.json()).error.fields).toHaveProperty("agentId");
    const badTasks = await approvePOST(apiRequest(`${base}/ideas/${idea.id}/approve`, me.auth, "POST", { tasks: [] }), idParams(idea.id));
    expect(badTasks.status).toBe(400);

    const theirAgent = await scriptAgent(other.id, "true");
    const foreignAgent = await refinePOST(apiRequest(`${base}/ideas/${idea.id}/refine`, me.auth, "POST", { agentId: theirAgent.id }), idParams(idea.id));
    expect(foreignAgent.status).toBe(404);
    for (const [handler, url, body] of [
      [ideaGET, `${base}/ideas/${idea.id}`, undefined],
      [rejectPOST, `${base}/ideas/${idea.id}/reject`, undefined],
      [approvePOST, `${base}/ideas/${idea.id}/approve`, {}],
    ] as const) {
      const res = await handler(apiRequest(url, other.auth, body ? "POST" : "GET", body), idParams(idea.id));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const unknownQuestion = await answerPOST(apiRequest(`${base}/questions/nope/answer`, me.auth, "POST", { answer: "x" }), idParams("nope"));
    expect(unknownQuestion.status).toBe(404);
    const emptyAnswer = await answerPOST(apiRequest(`${base}/questions/nope/answer`, me.auth, "POST", { answer: "" }), idParams("nope"));
    expect(emptyAnswer.status).toBe(400);
    const badToken = await listGET(apiRequest(`${base}/ideas`, "Bearer not-a-token"));
    expect(badToken.status).toBe(401);
  });
});
