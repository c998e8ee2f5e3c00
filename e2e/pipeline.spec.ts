import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { CODER_TASK, ok, QUESTION, REFINER_TASK, waitFor } from "./support/pipeline";
import { openDialog, projectFolder, waitForHydration } from "./support/workspace";
import { sessionApi } from "./support/session-api";

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
  const project = await ok<{ id: string }>(await sessionApi(page).post("/api/v1/projects", { data: { name: `Greeter ${account.name}` } }), 201);
  await ok(await sessionApi(page).patch(`/api/v1/projects/${project.id}`, { data: { config: { setupScript: "echo preparing the worktree" } } }));
  const agent = async (name: string, type: string, defaultTask: string) =>
    (await ok<{ id: string }>(await sessionApi(page).post("/api/v1/agents", { data: { name, type, executor: "script", defaultTask } }), 201)).id;
  return {
    account,
    projectId: project.id,
    projectName: `Greeter ${account.name}`,
    refiner: `Refiner ${account.name}`,
    refinerId: await agent(`Refiner ${account.name}`, "refinement", REFINER_TASK),
    coder: `Coder ${account.name}`,
    coderId: await agent(`Coder ${account.name}`, "development", CODER_TASK),
  };
}

test.describe("idea to merge", () => {
  test("over the API: idea -> question answered -> task -> attempt in a worktree -> diff -> follow-up -> merge", async ({ page }) => {
    const { projectId, refinerId, coderId } = await pipelineUser(page, "pipeline-api");
    const api = sessionApi(page);
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

  test("in the browser: idea -> question answered -> task on the board -> attempt with live logs -> diff -> merge", async ({ page }) => {
    const { projectName, refiner, coder, projectId } = await pipelineUser(page, "pipeline-ui");
    const folder = await projectFolder(page, projectId);

    // Drop the idea in.
    await page.goto("/ideas");
    await openDialog(page, "New idea");
    const newIdea = page.getByRole("dialog");
    await newIdea.getByLabel("Project").selectOption({ label: projectName });
    await newIdea.getByLabel("Title").fill("Greet visitors");
    await newIdea.getByLabel("Description").fill("Print a greeting.");
    await newIdea.getByRole("button", { name: "Add idea" }).click();
    await expect(page).toHaveURL(/\/ideas\/[0-9a-f-]{36}$/);

    // The refinement agent asks its question; the person answers it.
    await page.getByLabel("Refinement agent").selectOption({ label: refiner });
    await page.getByRole("button", { name: "Refine" }).click();
    const question = page.getByRole("article", { name: QUESTION });
    await expect(question).toBeVisible({ timeout: 30_000 });
    await question.getByLabel("Your answer").fill("hello, world");
    await question.getByRole("button", { name: "Answer" }).click();
    await expect(question.getByRole("button", { name: "Update answer" })).toBeVisible();

    // Approving makes the task; its link opens it on the board.
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("link", { name: "Greet visitors" }).click();
    await expect(page).toHaveURL(/\/board\?task=/);
    const panel = page.getByRole("complementary", { name: "Task details" });
    // The panel reads as the task: its spec (with the answered question) rendered, not a form.
    await expect(panel.getByRole("region", { name: "Spec" })).toContainText(QUESTION);

    // An attempt: the setup script, then the coding agent, in a worktree of their own.
    const start = panel.getByRole("form", { name: "Start an attempt" });
    await waitForHydration(start.getByLabel("Instructions (optional)"));
    await start.getByLabel("Coding agent").selectOption({ label: coder });
    await start.getByLabel("Instructions (optional)").fill("Say hello");
    await start.getByRole("button", { name: "Start attempt" }).click();
    await expect(panel.getByRole("heading", { name: /Files changed: 2/ })).toBeVisible({ timeout: 30_000 });
    // The card behind the panel follows too: the task waits for review.
    const review = page.getByRole("listitem", { name: /^Review \d+ task/ });
    await expect(review.getByRole("article", { name: "Greet visitors" })).toContainText("Attempt: Completed");
    // The setup script's log: its disclosure is open already if the panel showed it while it ran.
    const setup = panel.locator("details").filter({ has: page.getByText("Setup script") });
    if ((await setup.getAttribute("open")) === null) await setup.getByText("Setup script").click();
    await expect(setup.getByText("preparing the worktree")).toBeVisible();
    expect(fs.existsSync(path.join(folder, "greeting.txt"))).toBe(false);

    // The whole diff on the attempt's own page.
    await panel.getByRole("link", { name: "Open attempt page with full diff" }).click();
    const greeting = page.getByRole("region", { name: "Changes in greeting.txt" });
    await expect(greeting).toContainText("hello, world");
    await expect(page.getByRole("region", { name: "Changes in notes.txt" })).toContainText("Say hello");

    // Merge: the project's branch and checkout now have the agent's work; the card is done.
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await expect.poll(() => fs.existsSync(path.join(folder, "greeting.txt")), { timeout: 15_000 }).toBe(true);
    expect(fs.readFileSync(path.join(folder, "greeting.txt"), "utf8")).toBe("hello, world\n");
    await page.goto(`/board?projectId=${projectId}`);
    const done = page.getByRole("listitem", { name: /^Done \d+ task/ });
    await expect(done.getByRole("article", { name: "Greet visitors" })).toContainText("Merged");
  });
});

test.describe("board", () => {
  test("cards move by drag and drop and by keyboard, stay moved after a reload, and filters narrow the board", async ({ page }) => {
    const { projectId } = await pipelineUser(page, "board");
    const task = async (title: string, priority: number) =>
      ok<Task>(await sessionApi(page).post("/api/v1/tasks", { data: { projectId, title, description: "", type: "feature", priority } }), 201);
    const dragged = await task("Drag me", 1);
    await task("Keys move me", 2);
    const tag = await ok<{ id: string }>(await sessionApi(page).post("/api/v1/tags", { data: { name: "backend", content: "Keep the API stable." } }), 201);
    await ok(await sessionApi(page).put(`/api/v1/tasks/${dragged.id}/tags`, { data: { tagIds: [tag.id] } }));

    // A column is a list item named by its heading ("Queued 2 tasks").
    const column = (name: string) => page.getByRole("listitem", { name: new RegExp(`^${name} \\d+ task`) });
    await page.goto(`/board?projectId=${projectId}`);
    // Priority order: the higher priority card comes first.
    await expect(column("Queued").getByRole("article")).toHaveText([/Keys move me/, /Drag me/]);

    await waitForHydration(column("Queued").getByRole("link", { name: "Open Drag me" }));
    // Each move shows at once; the server action saving it is awaited before the reload below.
    const saved = () => page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/board"));
    let save = saved();
    await dragWithMouse(page, column("Queued").getByRole("article", { name: "Drag me" }), column("Review"));
    await expect(column("Review").getByRole("article", { name: "Drag me" })).toBeVisible();
    await save;

    save = saved();
    await column("Queued").getByRole("link", { name: "Open Keys move me" }).focus();
    await page.keyboard.press("Alt+ArrowRight");
    await expect(column("In progress").getByRole("article", { name: "Keys move me" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Moved Keys move me" })).toBeAttached();
    await save;

    await page.reload();
    await expect(column("Review").getByRole("article", { name: "Drag me" })).toBeVisible();
    await expect(column("In progress").getByRole("article", { name: "Keys move me" })).toBeVisible();

    await page.goto(`/board?projectId=${projectId}&tagId=${tag.id}`);
    await expect(page.getByRole("article")).toHaveText([/Drag me/]);
  });
});

/** A mouse drag as a person makes it: press, move a little (dnd-kit starts after 6 px), glide to the target, release. */
async function dragWithMouse(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + 10);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + 20, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 40, { steps: 10 });
  await page.mouse.up();
}
