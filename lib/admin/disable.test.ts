import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as meGET } from "@/app/api/v1/me/route";
import { db } from "@/db/client";
import { agents, taskAttempts } from "@/db/schema";
import { startAttempt } from "@/lib/attempts/attempts";
import { fixture } from "@/lib/attempts/test-helpers";
import { jobHandlers } from "@/lib/server/job-handlers";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { startRun } from "@/lib/runs/lifecycle";
import { getRunForUser } from "@/lib/runs/runs";
import { createUser } from "@/lib/users/users";
import { apiRequest } from "@/tests/api";
import { setDisabled } from "./manage-users";

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

/**
 * Issue 10 item 7: a disabled user's running runs went on to completion, and
 * enabling the account again brought their old API tokens back.
 */

let worker: Worker;
let admin: { id: string; role: "admin" };
beforeAll(async () => {
  const first = (await createUser({ email: "disable-admin@example.com" }))!; // the first account is the admin
  admin = { id: first.id, role: "admin" };
  worker = startWorker({ handlers: jobHandlers, pollMs: 50, keepAlive: false });
});
afterAll(async () => {
  await worker.stop({ drainMs: 100, abortGraceMs: 500 });
});

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const attemptStatus = async (id: string) => (await db().select({ status: taskAttempts.status }).from(taskAttempts).where(eq(taskAttempts.id, id)))[0]!.status;

describe("disabling a user", () => {
  it("stops their running run and attempt before they finish, and enabling again brings back no API token", async () => {
    const marks = fs.mkdtempSync(path.join(os.tmpdir(), "sb-disable-"));
    const runMark = path.join(marks, "run-finished");
    const attemptMark = path.join(marks, "attempt-finished");
    const f = await fixture({ agentTask: `sleep 3; touch ${attemptMark}` });
    const shell = await db().insert(agents).values({ userId: f.userId, name: "shell", executor: "script" }).returning({ id: agents.id });
    const run = await startRun(f.userId, { agentId: shell[0]!.id, projectId: f.projectId, task: `sleep 3; touch ${runMark}` });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId });
    await until(() => getRunForUser(f.userId, run.id), (r) => r.status === "running");
    await until(() => attemptStatus(attempt.id), (s) => s === "running");
    const me = () => meGET(apiRequest("http://localhost/api/v1/me", f.user.auth));
    expect((await me()).status).toBe(200);

    await setDisabled(admin, f.userId, true);
    await until(() => getRunForUser(f.userId, run.id), (r) => r.status === "cancelled", 5_000);
    await until(() => attemptStatus(attempt.id), (s) => s === "cancelled", 5_000);
    expect((await me()).status).toBe(401);

    await new Promise((r) => setTimeout(r, 3_500)); // past the moment the commands would have finished
    expect(fs.existsSync(runMark)).toBe(false);
    expect(fs.existsSync(attemptMark)).toBe(false);

    await setDisabled(admin, f.userId, false);
    const after = await me();
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe("unauthorized");
    expect(await attemptStatus(attempt.id)).toBe("cancelled");
  });
});
