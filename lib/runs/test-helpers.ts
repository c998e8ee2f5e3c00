import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, projects } from "@/db/schema";
import { type RunStatus } from "@/lib/domain";
import { testUser } from "@/tests/factories";

/** Test fixtures only: a user, one of their projects, and a run (no agent needed). */
export async function createUser(email?: string) {
  return (await testUser({ email })).id;
}

export async function createRun(userId?: string, status: RunStatus = "running") {
  const owner = userId ?? (await createUser());
  const [project] = await db()
    .insert(projects)
    .values({ userId: owner, name: "p", path: "/tmp/p" })
    .returning({ id: projects.id });
  const [run] = await db()
    .insert(agentRuns)
    .values({ userId: owner, projectId: project!.id, task: "echo hi", executor: "script", status })
    .returning({ id: agentRuns.id });
  return { userId: owner, runId: run!.id };
}

export async function setRunStatus(runId: string, status: RunStatus, extra: { exitCode?: number; error?: string } = {}) {
  await db()
    .update(agentRuns)
    .set({ status, ...extra, ...(status === "completed" || status === "failed" || status === "cancelled" ? { completedAt: new Date().toISOString() } : {}) })
    .where(eq(agentRuns.id, runId));
}

/** A raw SSE client on node:http for tests and benchmarks: collects every message and comment as it arrives. */
export type OpenStream = {
  status: number;
  headers: import("node:http").IncomingHttpHeaders;
  messages: import("./sse-parser").SseMessage[];
  parser: import("./sse-parser").SseParser;
  ended: Promise<void>;
  close(): void;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
};

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const http = await import("node:http");
  const { SseParser } = await import("./sse-parser");
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
      res.setEncoding("utf8");
      const parser = new SseParser();
      const messages: OpenStream["messages"] = [];
      let onData: (() => void) | null = null;
      const ended = new Promise<void>((done) => {
        res.on("end", done);
        res.on("close", done);
        res.on("error", () => done());
      });
      res.on("data", (chunk: string) => {
        messages.push(...parser.push(chunk));
        onData?.();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        messages,
        parser,
        ended,
        close: () => req.destroy(),
        async waitFor(predicate, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          while (!predicate()) {
            if (Date.now() > deadline) throw new Error(`timed out waiting; have ${messages.length} messages`);
            await new Promise<void>((r) => {
              const t = setTimeout(r, 20);
              onData = () => {
                clearTimeout(t);
                r();
              };
            });
          }
        },
      });
    });
    req.on("error", reject);
  });
}
