import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { checkpointBlobs } from "@/db/schema";
import { POST as restoreRoute } from "@/app/api/v1/checkpoints/[id]/restore/route";
import { POST as forkRoute } from "@/app/api/v1/checkpoints/[id]/fork/route";
import { GET as diffRoute } from "@/app/api/v1/checkpoints/[id]/diff/route";
import { GET as conversationRoute } from "@/app/api/v1/conversations/[id]/route";
import { GET as messagesRoute } from "@/app/api/v1/conversations/[id]/messages/route";
import { resetConfigForTests } from "@/lib/config";
import { createConversation, getConversation, listMessages, sendMessage } from "@/lib/conversations/conversations";
import { chatFixture, FAKE_CLAUDE, flagValue, settledMessages, turnsArgv } from "@/lib/conversations/test-helpers";
import { jobHandlers } from "@/lib/server/job-handlers";
import { waitFor } from "@/lib/queue/test-helpers";
import { startWorker } from "@/lib/queue/worker";
import { getRunForUser } from "@/lib/runs/runs";
import { setUserSetting } from "@/lib/users/preferences";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { diffCheckpoint } from "./diff";
import { listCheckpoints, restoreCheckpoint, takeCheckpoint } from "./checkpoints";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const worker = startWorker({ handlers: jobHandlers, pollMs: 50, logger: quiet });
afterAll(() => worker.stop({ drainMs: 0, abortGraceMs: 500 }));
beforeEach(() => {
  process.env.CLAUDE_CODE_BIN = FAKE_CLAUDE;
  resetConfigForTests();
});
afterEach(() => {
  delete process.env.CLAUDE_CODE_BIN;
  resetConfigForTests();
});

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");
const blobCount = async () => (await db().select({ n: sql<number>`count(*)` }).from(checkpointBlobs))[0]!.n;

describe("checkpoints of a real project folder", () => {
  it("restore puts back changed, deleted, binary and executable files and symlinks, removes new files, and never writes through a symlink", async () => {
    const f = await chatFixture();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "sb-outside-"));
    fs.writeFileSync(path.join(outside, "secret"), "top secret\n");
    const binary = crypto.randomBytes(5000);
    binary[10] = 0;
    fs.mkdirSync(path.join(f.dir, "src"));
    fs.writeFileSync(path.join(f.dir, "src/x.js"), "export const x = 1;\n");
    fs.writeFileSync(path.join(f.dir, "bin.dat"), binary);
    fs.writeFileSync(path.join(f.dir, "run.sh"), "#!/bin/sh\necho hi\n", { mode: 0o755 });
    fs.symlinkSync(path.join(outside, "secret"), path.join(f.dir, "link"));
    fs.mkdirSync(path.join(f.dir, "build"));
    fs.writeFileSync(path.join(f.dir, ".gitignore"), read(f.dir, ".gitignore") + "build/\n");
    fs.writeFileSync(path.join(f.dir, "build/out.txt"), "ignored\n");

    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
    const cp = await takeCheckpoint(f.userId, conv.id, { label: "before" });
    // README, .gitignore, src/x.js, bin.dat, run.sh, link: not .git, build/ (ignored) or the stand-in's files.
    expect(cp.fileCount).toBe(6);
    // The symlink was kept as a link: the file it points at was never read into a blob.
    const secretHash = crypto.createHash("sha256").update("top secret\n").digest("hex");
    expect(await db().select({ hash: checkpointBlobs.hash }).from(checkpointBlobs).where(sql`${checkpointBlobs.hash} = ${secretHash}`)).toEqual([]);

    // The agent's changes: an edit, a deletion, a new file, a retargeted link, and src/ swapped for a link out of the project.
    fs.writeFileSync(path.join(f.dir, "README.md"), "changed\n");
    fs.rmSync(path.join(f.dir, "bin.dat"));
    fs.writeFileSync(path.join(f.dir, "new.txt"), "new\n");
    fs.rmSync(path.join(f.dir, "link"));
    fs.symlinkSync("/etc/hostname", path.join(f.dir, "link"));
    fs.rmSync(path.join(f.dir, "src"), { recursive: true });
    fs.symlinkSync(outside, path.join(f.dir, "src"));

    const diff = await diffCheckpoint(f.userId, cp.id, "current");
    expect(diff.files.map((x) => `${x.status} ${x.path}${x.binary ? " (binary)" : ""}`)).toEqual([
      "modified README.md",
      "deleted bin.dat (binary)",
      "modified link",
      "added new.txt",
      "added src",
      "deleted src/x.js",
    ]);
    expect(diff.files[0]).toMatchObject({ additions: 1, deletions: 1 });
    expect(diff.patch).toContain("--- a/README.md\n+++ b/README.md\n@@ -1,1 +1,1 @@\n-hello\n+changed\n");

    const result = await restoreCheckpoint(f.userId, cp.id);
    expect(result).toMatchObject({ removed: 2 });
    expect(read(f.dir, "README.md")).toBe("hello\n");
    expect(fs.readFileSync(path.join(f.dir, "bin.dat")).equals(binary)).toBe(true);
    expect(fs.existsSync(path.join(f.dir, "new.txt"))).toBe(false);
    expect(fs.lstatSync(path.join(f.dir, "link")).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(path.join(f.dir, "link"))).toBe(path.join(outside, "secret"));
    expect(fs.lstatSync(path.join(f.dir, "src")).isDirectory()).toBe(true);
    expect(read(f.dir, "src/x.js")).toBe("export const x = 1;\n");
    expect(fs.statSync(path.join(f.dir, "run.sh")).mode & 0o777).toBe(0o755);
    // Nothing was written where the links pointed.
    expect(fs.readdirSync(outside)).toEqual(["secret"]);
    expect(read(outside, "secret")).toBe("top secret\n");
    expect(read(f.dir, "build/out.txt")).toBe("ignored\n");
    expect((await diffCheckpoint(f.userId, cp.id, "current")).files).toEqual([]);
  });

  it("an unchanged project's checkpoint stores no new blob, and checkpoints form a tree through restores", async () => {
    const f = await chatFixture();
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(f.dir, `file-${i}.txt`), `content ${i}\n`.repeat(50));
    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
    const a = await takeCheckpoint(f.userId, conv.id);
    const before = await blobCount();
    const b = await takeCheckpoint(f.userId, conv.id);
    expect(await blobCount()).toBe(before);
    expect(b).toMatchObject({ parentId: a.id, fileCount: a.fileCount, totalBytes: a.totalBytes });
    fs.writeFileSync(path.join(f.dir, "file-1.txt"), "edited\n");
    const c = await takeCheckpoint(f.userId, conv.id);
    // One new file content and one new file list.
    expect(await blobCount()).toBe(before + 2);
    await restoreCheckpoint(f.userId, a.id);
    const d = await takeCheckpoint(f.userId, conv.id, { label: "after restore" });
    expect(d.parentId).toBe(a.id);
    expect((await listCheckpoints(f.userId, conv.id)).map((x) => x.id)).toEqual([a.id, b.id, c.id, d.id]);
    const ab = await diffCheckpoint(f.userId, c.id, d.id);
    expect(ab.files).toEqual([{ path: "file-1.txt", status: "modified", additions: 50, deletions: 1, binary: false }]);
  });

  it("a checkpoint is taken after every turn while autoCheckpoint is on, and none once it is off", async () => {
    const f = await chatFixture();
    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
    await sendMessage(f.userId, conv.id, "write a.txt one");
    await settledMessages(f.userId, conv.id);
    const [cp] = await listCheckpoints(f.userId, conv.id);
    expect(cp!.label).toBe("After “write a.txt one”");
    await setUserSetting(f.userId, "autoCheckpoint", "false");
    await sendMessage(f.userId, conv.id, "write a.txt two");
    await settledMessages(f.userId, conv.id);
    expect(await listCheckpoints(f.userId, conv.id)).toHaveLength(1);
  });

  it("restore is refused while a turn runs", async () => {
    const f = await chatFixture({ standIn: { DELAY_MS: "700" } });
    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
    const cp = await takeCheckpoint(f.userId, conv.id);
    const sent = await sendMessage(f.userId, conv.id, "write a.txt slow");
    await waitFor(async () => (await getRunForUser(f.userId, sent.run.id)).status === "running", { what: "turn running" });
    const response = await restoreRoute(apiRequest(`http://localhost/api/v1/checkpoints/${cp.id}/restore`, f.user.auth, "POST"), idParams(cp.id));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/turn is running/);
    await settledMessages(f.userId, conv.id);
    expect(read(f.dir, "a.txt")).toBe("slow");
  });

  it("fork: a new conversation ending at the checkpoint, the files as they were there, its first turn forks the Claude Code session", async () => {
    const f = await chatFixture();
    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId, title: "Original" });
    await sendMessage(f.userId, conv.id, "write a.txt one");
    await settledMessages(f.userId, conv.id);
    const session = (await getConversation(f.userId, conv.id)).sessionId!;
    await sendMessage(f.userId, conv.id, "write b.txt two");
    await settledMessages(f.userId, conv.id);
    const [first] = await listCheckpoints(f.userId, conv.id);

    const response = await forkRoute(apiRequest(`http://localhost/api/v1/checkpoints/${first!.id}/fork`, f.user.auth, "POST", {}), idParams(first!.id));
    expect(response.status).toBe(201);
    const fork = (await response.json()) as { id: string; title: string; sessionId: string };
    expect(fork).toMatchObject({ title: "Original (fork)", sessionId: session });
    expect(fs.existsSync(path.join(f.dir, "b.txt"))).toBe(false);
    expect(read(f.dir, "a.txt")).toBe("one");
    const copied = (await listMessages(f.userId, fork.id, { limit: 100 })).data;
    expect(copied.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["write a.txt one"]);

    await sendMessage(f.userId, fork.id, "hello fork");
    const messages = await settledMessages(f.userId, fork.id);
    const argv = turnsArgv(f.dir).at(-1)!;
    expect(flagValue(argv, "--resume")).toBe(session);
    expect(argv).toContain("--fork-session");
    expect(messages.at(-1)!.content).toContain(`forked from session ${session}`);
    const forked = await getConversation(f.userId, fork.id);
    expect(forked.sessionId).not.toBe(session);
    // The next turn of the fork resumes its own session, without forking again; the original keeps its own.
    await sendMessage(f.userId, fork.id, "again");
    await settledMessages(f.userId, fork.id);
    const last = turnsArgv(f.dir).at(-1)!;
    expect(flagValue(last, "--resume")).toBe(forked.sessionId);
    expect(last).not.toContain("--fork-session");
    expect((await getConversation(f.userId, conv.id)).sessionId).toBe(session);
  });

  it("another user's conversation, messages, restore, fork and diff are 404s", async () => {
    const f = await chatFixture();
    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
    const cp = await takeCheckpoint(f.userId, conv.id);
    const other = await apiAccount(`other-${Math.random().toString(36).slice(2)}@example.test`);
    const url = "http://localhost/api/v1";
    const answers = [
      await conversationRoute(apiRequest(`${url}/conversations/${conv.id}`, other.auth), idParams(conv.id)),
      await messagesRoute(apiRequest(`${url}/conversations/${conv.id}/messages`, other.auth), idParams(conv.id)),
      await restoreRoute(apiRequest(`${url}/checkpoints/${cp.id}/restore`, other.auth, "POST"), idParams(cp.id)),
      await forkRoute(apiRequest(`${url}/checkpoints/${cp.id}/fork`, other.auth, "POST", {}), idParams(cp.id)),
      await diffRoute(apiRequest(`${url}/checkpoints/${cp.id}/diff?against=current`, other.auth), idParams(cp.id)),
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
  });
});
