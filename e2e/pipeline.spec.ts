import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { CODER_TASK, ok, QUESTION, REFINER_TASK, waitFor } from "./support/pipeline";
import { projectFolder } from "./support/workspace";

/*
 * From idea to merged code: an idea is refined by an agent that asks a
 * question, the person answers, approving makes a task, an agent works the
 * task in its own git worktree, the diff is reviewed, a follow-up runs in the
 * same worktree, and the attempt is merged into the project's branch. The
 * agents are `script` agents (no model or key), the project a real git
 * workspace on the server, the queue the server's own inline worker.
 */

type Idea = { id: string; status: string; source: string; questions: Array<{ id: string; question: string; status: string; answer: string | null }> };
type Task = { id: string; title: string; status: string; spec: string | null; projectId: string };
type Attempt = { id: string; taskId: string; status: string; branch: string; baseCommit: string | null; headCommit: string | null };
type Diff = { files: Array<{ path: string; status: string; additions: number; deletions: number }>; patch: string };

/** A new user with a project (setup script set) and the two pipeline agents, made through the API. */
async function pipelineUser(page: Page, label: string) {
  const account = newAccount(label);
  await signUp(page, account);
  const project = await ok<{ id: string }>(await page.request.post("/api/v1/projects", { data: { name: `Greeter ${account.name}` } }), 201);
  await ok(await page.request.patch(`/api/v1/projects/${project.id}`, { data: { config: { setupScript: "echo preparing the worktree" } } }));
  const agent = async (name: string, type: string, defaultTask: string) =>
    (await ok<{ id: string }>(await page.request.post("/api/v1/agents", { data: { name, type, executor: "script", defaultTask } }), 201)).id;
  return {
    account,
    projectId: project.id,
    projectName: `Greeter ${account.name}`,
    refinerId: await agent(`Refiner ${account.name}`, "refinement", REFINER_TASK),
    coderId: await agent(`Coder ${account.name}`, "development", CODER_TASK),
  };
}

test.describe("idea to merge", () => {
  test("over the API: idea -> question answered -> task -> attempt in a worktree -> diff -> follow-up -> merge", async ({ page }) => {
    const { projectId, refinerId, coderId } = await pipelineUser(page, "pipeline-api");
    const api = page.request;
    const folder = await projectFolder(page, projectId);

    const idea = await ok<Idea>(await api.post("/api/v1/ideas", { data: { projectId, title: "Greet visitors", description: "Print a greeting." } }), 201);
    expect(idea.status).toBe("pending");
    expect(idea.source).toBe("api");

    await ok(await api.post(`/api/v1/ideas/${idea.id}/refine`, { data: { agentId: refinerId } }), 202);
    const refined = await waitFor<Idea>(api, `/api/v1/ideas/${idea.id}`, (i) => i.status === "questions");
    expect(refined.questions.map((q) => q.question)).toEqual([QUESTION]);

    const question = refined.questions[0]!;
    await ok(await api.post(`/api/v1/questions/${question.id}/answer`, { data: { answer: "hello, world" } }));
    const approved = await ok<{ idea: Idea; tasks: Task[] }>(await api.post(`/api/v1/ideas/${idea.id}/approve`, { data: {} }));
    expect(approved.idea.status).toBe("converted");
    expect(approved.tasks).toHaveLength(1);
    const task = approved.tasks[0]!;
    expect(task.spec).toContain(QUESTION);
    expect(task.spec).toContain("hello, world");
    const listed = await ok<{ data: Task[] }>(await api.get(`/api/v1/tasks?projectId=${projectId}&status=queued`));
    expect(listed.data.map((t) => t.id)).toContain(task.id);

    const started = await ok<Attempt>(await api.post(`/api/v1/tasks/${task.id}/attempts`, { data: { agentId: coderId, prompt: "Say hello" } }), 201);
    expect(started.taskId).toBe(task.id);
    const attempt = await waitFor<Attempt>(api, `/api/v1/attempts/${started.id}`, (a) => a.status === "completed" || a.status === "failed");
    expect(attempt.status).toBe("completed");
    expect(attempt.headCommit).toBeTruthy();
    expect(attempt.headCommit).not.toBe(attempt.baseCommit);
    // The project's own checkout is untouched until the merge.
    expect(fs.existsSync(path.join(folder, "greeting.txt"))).toBe(false);

    const diff = await ok<Diff>(await api.get(`/api/v1/attempts/${attempt.id}/diff`));
    expect(diff.files.map((f) => [f.path, f.status, f.additions]).sort()).toEqual([
      ["greeting.txt", "added", 1],
      ["notes.txt", "added", 1],
    ]);
    expect(diff.patch).toContain("+hello, world");
    expect(diff.patch).toContain("+Say hello");

    // A follow-up runs in the same worktree, after the first turn.
    await ok(await api.post(`/api/v1/attempts/${attempt.id}/follow-ups`, { data: { message: "Also say goodbye" } }), 201);
    await waitFor<Attempt>(api, `/api/v1/attempts/${attempt.id}`, (a) => a.status === "completed" && a.headCommit !== attempt.headCommit);
    const after = await ok<Diff>(await api.get(`/api/v1/attempts/${attempt.id}/diff`));
    expect(after.patch).toContain("+Also say goodbye");
    expect(after.patch).toContain("+Say hello");

    await ok(await api.post(`/api/v1/attempts/${attempt.id}/merge`, { data: {} }));
    expect(fs.readFileSync(path.join(folder, "greeting.txt"), "utf8")).toBe("hello, world\n");
    expect(fs.readFileSync(path.join(folder, "notes.txt"), "utf8")).toBe("Say hello\nAlso say goodbye\n");
    const done = await ok<Task>(await api.get(`/api/v1/tasks/${task.id}`));
    expect(done.status).toBe("done");
  });
});
