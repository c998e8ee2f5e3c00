import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as listGET, POST as startPOST } from "@/app/api/v1/tasks/[id]/attempts/route";
import { GET as attemptGET } from "@/app/api/v1/attempts/[id]/route";
import { GET as diffGET } from "@/app/api/v1/attempts/[id]/diff/route";
import { POST as followUpPOST } from "@/app/api/v1/attempts/[id]/follow-ups/route";
import { POST as mergePOST } from "@/app/api/v1/attempts/[id]/merge/route";
import { POST as rebasePOST } from "@/app/api/v1/attempts/[id]/rebase/route";
import { POST as discardPOST } from "@/app/api/v1/attempts/[id]/discard/route";
import { POST as cancelPOST } from "@/app/api/v1/attempts/[id]/cancel/route";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { retryAttempt } from "./attempts";
import { fixture, runJob, sh } from "./test-helpers";

const url = (p: string) => `http://x/api/v1${p}`;

describe("attempt routes of /api/v1", () => {
  it("start, run, read, diff, follow up, merge: the whole path over HTTP", async () => {
    const f = await fixture();
    const bad = await startPOST(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth, "POST", {}), idParams(f.taskId));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "validation", fields: { agentId: expect.any(String) } } });

    const started = await startPOST(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth, "POST", { agentId: f.agentId, prompt: "hello" }), idParams(f.taskId));
    expect(started.status).toBe(201);
    const attempt = await started.json();
    expect(attempt).toMatchObject({ taskId: f.taskId, agentId: f.agentId, agentName: "Scripted", status: "queued", baseBranch: "main" });
    expect(attempt).not.toHaveProperty("worktreePath");

    const list = await (await listGET(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth), idParams(f.taskId))).json();
    expect(list).toEqual({ data: [expect.objectContaining({ id: attempt.id })], nextCursor: null });

    await runJob(attempt.id);
    const detail = await (await attemptGET(apiRequest(url(`/attempts/${attempt.id}`), f.user.auth), idParams(attempt.id))).json();
    expect(detail).toMatchObject({ status: "completed", processes: [{ kind: "coding_agent", status: "completed" }], drafts: [{ message: "hello", status: "sent" }] });

    const diff = await (await diffGET(apiRequest(url(`/attempts/${attempt.id}/diff`), f.user.auth), idParams(attempt.id))).json();
    expect(diff).toMatchObject({ files: [{ path: "notes.txt", status: "added", additions: 1, deletions: 0 }], additions: 1, deletions: 0 });
    expect(diff.patch).toContain("+hello");

    const empty = await followUpPOST(apiRequest(url(`/attempts/${attempt.id}/follow-ups`), f.user.auth, "POST", { message: "  " }), idParams(attempt.id));
    expect(empty.status).toBe(400);
    const follow = await followUpPOST(apiRequest(url(`/attempts/${attempt.id}/follow-ups`), f.user.auth, "POST", { message: "more" }), idParams(attempt.id));
    expect(follow.status).toBe(201);
    expect(await follow.json()).toMatchObject({ status: "queued", drafts: [{ status: "sent" }, { message: "more", status: "queued" }] });
    const busy = await mergePOST(apiRequest(url(`/attempts/${attempt.id}/merge`), f.user.auth, "POST", {}), idParams(attempt.id));
    expect(busy.status).toBe(409);
    expect((await busy.json()).error.message).toMatch(/still queued/);
    await runJob(attempt.id);

    const rebased = await rebasePOST(apiRequest(url(`/attempts/${attempt.id}/rebase`), f.user.auth, "POST"), idParams(attempt.id));
    expect(await rebased.json()).toMatchObject({ rebased: false });
    const badMode = await mergePOST(apiRequest(url(`/attempts/${attempt.id}/merge`), f.user.auth, "POST", { mode: "squash" }), idParams(attempt.id));
    expect(badMode.status).toBe(400);
    const merged = await mergePOST(apiRequest(url(`/attempts/${attempt.id}/merge`), f.user.auth, "POST", {}), idParams(attempt.id));
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ status: "merged", kind: "ff", checkoutUpdated: true, attempt: { mergedAt: expect.any(String) } });
    expect(fs.readFileSync(path.join(f.repo, "notes.txt"), "utf8")).toBe("hello\nmore\n");
  });

  it("a conflicting merge answers 409 with the file named, and changes nothing", async () => {
    const f = await fixture();
    const attempt = await (await startPOST(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth, "POST", { agentId: f.agentId, prompt: "theirs" }), idParams(f.taskId))).json();
    await runJob(attempt.id);
    fs.writeFileSync(path.join(f.repo, "notes.txt"), "ours\n");
    sh(f.repo, "add", "-A");
    sh(f.repo, "commit", "-q", "-m", "ours");
    const before = sh(f.repo, "rev-parse", "main");
    const res = await mergePOST(apiRequest(url(`/attempts/${attempt.id}/merge`), f.user.auth, "POST", { mode: "merge" }), idParams(attempt.id));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("notes.txt") } });
    expect(sh(f.repo, "rev-parse", "main")).toBe(before);
    expect(sh(f.repo, "status", "--porcelain")).toBe("");
  });

  it("cancel and discard; another user gets 404 everywhere", async () => {
    const f = await fixture();
    const attempt = await (await startPOST(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth, "POST", { agentId: f.agentId }), idParams(f.taskId))).json();
    const stranger = await apiAccount("routes-stranger@example.test");
    const id = idParams(attempt.id);
    expect((await attemptGET(apiRequest(url(`/attempts/${attempt.id}`), stranger.auth), id)).status).toBe(404);
    expect((await diffGET(apiRequest(url(`/attempts/${attempt.id}/diff`), stranger.auth), id)).status).toBe(404);
    expect((await followUpPOST(apiRequest(url(`/attempts/${attempt.id}/follow-ups`), stranger.auth, "POST", { message: "x" }), id)).status).toBe(404);
    expect((await mergePOST(apiRequest(url(`/attempts/${attempt.id}/merge`), stranger.auth, "POST", {}), id)).status).toBe(404);
    expect((await cancelPOST(apiRequest(url(`/attempts/${attempt.id}/cancel`), stranger.auth, "POST"), id)).status).toBe(404);
    expect((await discardPOST(apiRequest(url(`/attempts/${attempt.id}/discard`), stranger.auth, "POST"), id)).status).toBe(404);
    expect((await listGET(apiRequest(url(`/tasks/${f.taskId}/attempts`), stranger.auth), idParams(f.taskId))).status).toBe(404);
    expect((await startPOST(apiRequest(url(`/tasks/${f.taskId}/attempts`), stranger.auth, "POST", { agentId: f.agentId }), idParams(f.taskId))).status).toBe(404);

    const cancelled = await (await cancelPOST(apiRequest(url(`/attempts/${attempt.id}/cancel`), f.user.auth, "POST"), id)).json();
    expect(cancelled.status).toBe("cancelled");
    expect(await runJob(attempt.id)).toEqual({ skipped: true });
    const discarded = await (await discardPOST(apiRequest(url(`/attempts/${attempt.id}/discard`), f.user.auth, "POST"), id)).json();
    expect(discarded.discardedAt).toEqual(expect.any(String));
    const refused = await followUpPOST(apiRequest(url(`/attempts/${attempt.id}/follow-ups`), f.user.auth, "POST", { message: "x" }), id);
    expect(refused.status).toBe(409);
  });

  it("never merges nothing: an attempt with no commits ahead of its base is refused with 409 saying so, and the task stays open", async () => {
    const f = await fixture({ agentTask: "echo looked around; exit 3" });
    const attempt = await (await startPOST(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth, "POST", { agentId: f.agentId }), idParams(f.taskId))).json();
    await runJob(attempt.id);
    const before = sh(f.repo, "rev-parse", "main");
    for (const body of [{}, { confirmFailed: true }]) {
      const res = await mergePOST(apiRequest(url(`/attempts/${attempt.id}/merge`), f.user.auth, "POST", body), idParams(attempt.id));
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ error: { code: "conflict", message: "Nothing to merge: this attempt has no commits ahead of main." } });
    }
    const detail = await (await attemptGET(apiRequest(url(`/attempts/${attempt.id}`), f.user.auth), idParams(attempt.id))).json();
    expect(detail).toMatchObject({ status: "failed", mergedAt: null });
    expect(sh(f.repo, "rev-parse", "main")).toBe(before);
  });

  it("a failed attempt with commits merges only with confirmFailed: true; Retry starts the same work again as a new attempt", async () => {
    const f = await fixture({ agentTask: `printf '%s\\n' "$SWITCHBOARD_PROMPT" | tail -n 1 >> notes.txt; exit 2` });
    const attempt = await (await startPOST(apiRequest(url(`/tasks/${f.taskId}/attempts`), f.user.auth, "POST", { agentId: f.agentId, prompt: "half done" }), idParams(f.taskId))).json();
    await runJob(attempt.id);
    const id = idParams(attempt.id);
    const unconfirmed = await mergePOST(apiRequest(url(`/attempts/${attempt.id}/merge`), f.user.auth, "POST", {}), id);
    expect(unconfirmed.status).toBe(409);
    expect((await unconfirmed.json()).error.message).toMatch(/^This attempt failed\. Merging it needs confirmation/);
    expect(fs.existsSync(path.join(f.repo, "notes.txt"))).toBe(false);

    const retried = await retryAttempt(f.userId, attempt.id);
    expect(retried).toMatchObject({ taskId: f.taskId, agentId: f.agentId, status: "queued" });
    expect(retried.id).not.toBe(attempt.id);
    const retriedDetail = await (await attemptGET(apiRequest(url(`/attempts/${retried.id}`), f.user.auth), idParams(retried.id))).json();
    expect(retriedDetail.drafts).toEqual([expect.objectContaining({ message: "half done", status: "queued" })]);

    const merged = await mergePOST(apiRequest(url(`/attempts/${attempt.id}/merge`), f.user.auth, "POST", { confirmFailed: true }), id);
    expect(merged.status).toBe(200);
    expect(fs.readFileSync(path.join(f.repo, "notes.txt"), "utf8")).toBe("half done\n");
  });
});
