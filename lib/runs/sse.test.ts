import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFetch } from "@/tests/serve-fetch";
import { AppError } from "@/lib/errors";
import { createRunLog } from "./event-log";
import { readEvents, subscribe, watchedRunCount } from "./events";
import { notifyRunChanged } from "./notify";
import { runEventsResponse, resumeCursor } from "./sse";
import { createRun, createUser, openStream, setRunStatus } from "./test-helpers";

let base = "";
let close: () => Promise<void>;

beforeAll(async () => {
  const served = await serveFetch(async (request) => {
    const url = new URL(request.url);
    const match = /^\/runs\/([^/]+)\/events$/.exec(url.pathname);
    if (!match) return new Response("no", { status: 404 });
    try {
      return await runEventsResponse(request, request.headers.get("x-user") ?? "", match[1]!, {
        keepAliveMs: Number(url.searchParams.get("ka") ?? 15_000),
        pollMs: 100,
        pageSize: Number(url.searchParams.get("page") ?? 1000),
      });
    } catch (error) {
      if (error instanceof AppError) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
      throw error;
    }
  });
  base = served.url;
  close = served.close;
});
afterAll(() => close());

const line = (i: number) => ({ stream: "stdout" as const, kind: "text", text: `line ${i}` });
const seqs = (messages: { id: string | null; event: string }[]) => messages.filter((m) => m.event !== "end").map((m) => Number(m.id));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function waitUntil(predicate: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function finishedRun(n: number) {
  const run = await createRun();
  const log = createRunLog(run.runId);
  for (let i = 1; i <= n; i++) log.append(line(i));
  log.append({ event: "status", status: "completed", exitCode: 0 });
  await log.close();
  await setRunStatus(run.runId, "completed", { exitCode: 0 });
  return run;
}

describe("run events over SSE", () => {
  it("sends the SSE headers and replays a finished run, then `end`", async () => {
    const { userId, runId } = await finishedRun(30);
    const s = await openStream(`${base}/runs/${runId}/events?page=7`, { "x-user": userId });
    await s.ended;
    expect(s.status).toBe(200);
    expect(s.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(s.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(s.headers["x-accel-buffering"]).toBe("no");
    expect(s.headers["content-encoding"]).toBeUndefined();
    expect(s.parser.retry).toBe(1000);
    expect(seqs(s.messages)).toEqual(range(1, 31));
    // A log line's data is what was stored, with when it was written first.
    expect(s.messages[0]!.id).toBe("1");
    expect(s.messages[0]!.event).toBe("log");
    expect(s.messages[0]!.data).toMatch(/^\{"at":"\d{4}-\d\d-\d\dT[^"]+Z",/);
    expect(JSON.parse(s.messages[0]!.data)).toEqual({ at: expect.any(String), stream: "stdout", kind: "text", text: "line 1" });
    expect(s.messages[30]!.event).toBe("status");
    const end = s.messages.at(-1)!;
    expect(end.event).toBe("end");
    expect(end.id).toBe("31");
    expect(JSON.parse(end.data)).toMatchObject({ status: "completed", lastSeq: 31, exitCode: 0 });
  });

  it("lets other requests in between replay pages, however fast the viewer reads", async () => {
    const { runId } = await finishedRun(30);
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 1000) setImmediate(tick);
    };
    setImmediate(tick);
    const pages: number[] = [];
    for await (const chunk of subscribe(runId, 0, { pageSize: 5 })) if (chunk.type === "events") pages.push(chunk.count);
    expect(pages).toEqual([5, 5, 5, 5, 5, 5, 1]);
    // The database answers synchronously: without a turn per page the whole replay would run before any other callback.
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it("replays exactly the events after ?after=n, and Last-Event-ID wins over ?after=", async () => {
    const { userId, runId } = await finishedRun(50);
    const a = await openStream(`${base}/runs/${runId}/events?after=20&page=9`, { "x-user": userId });
    await a.ended;
    expect(seqs(a.messages)).toEqual(range(21, 51));
    const b = await openStream(`${base}/runs/${runId}/events?after=3`, { "x-user": userId, "last-event-id": "45" });
    await b.ended;
    expect(seqs(b.messages)).toEqual(range(46, 51));
    // Reconnecting after the last event of a finished run gets just `end`.
    const c = await openStream(`${base}/runs/${runId}/events`, { "x-user": userId, "last-event-id": "51" });
    await c.ended;
    expect(c.messages.map((m) => m.event)).toEqual(["end"]);
  });

  it("the replayed data is exactly what is stored, log lines with their time as `at`", async () => {
    const { userId, runId } = await finishedRun(5);
    const s = await openStream(`${base}/runs/${runId}/events`, { "x-user": userId });
    await s.ended;
    const stored = await readEvents(runId, 0, 100);
    expect(s.messages.slice(0, -1).map((m) => [Number(m.id), m.event, JSON.parse(m.data)])).toEqual(
      stored.map((e) => [e.seq, e.event, e.event === "log" ? { at: e.time, ...e.data } : e.data]),
    );
  });

  it("tails live, and a client that drops and reconnects with Last-Event-ID gets every event exactly once", async () => {
    const { userId, runId } = await createRun();
    const log = createRunLog(runId, { delayMs: 5 });
    const total = 600;
    let written = 0;
    const writer = (async () => {
      while (written < total) {
        for (let k = 0; k < 7 && written < total; k++) log.append(line(++written));
        await new Promise((r) => setTimeout(r, 3));
      }
      await log.close();
      await setRunStatus(runId, "completed", { exitCode: 0 });
      notifyRunChanged(runId);
    })();

    const received: number[] = [];
    let last = 0;
    let connections = 0;
    for (;;) {
      connections++;
      const s = await openStream(`${base}/runs/${runId}/events`, { "x-user": userId, ...(last ? { "last-event-id": String(last) } : {}) });
      // Drop this connection after a few events (the last one lasts until `end`).
      const stopAt = connections < 8 ? 40 + connections * 13 : Infinity;
      await s.waitFor(() => s.messages.length >= stopAt || s.messages.some((m) => m.event === "end"), 20_000);
      s.close();
      for (const m of s.messages) {
        if (m.event === "end") continue;
        received.push(Number(m.id));
        last = Number(m.id);
      }
      if (s.messages.some((m) => m.event === "end")) break;
    }
    await writer;
    expect(connections).toBeGreaterThan(3);
    expect(received).toEqual(range(1, total));
  });

  it("sends a keep-alive comment at the configured interval", async () => {
    const { userId, runId } = await createRun();
    const s = await openStream(`${base}/runs/${runId}/events?ka=50`, { "x-user": userId });
    await s.waitFor(() => s.parser.comments >= 3, 5000);
    expect(s.messages).toEqual([]);
    s.close();
  });

  it("releases the watcher and timers when the client goes away", async () => {
    const { userId, runId } = await createRun();
    // Earlier tests' closed streams are released too.
    await waitUntil(() => watchedRunCount() === 0);
    const before = 0;
    const streams = await Promise.all([1, 2, 3].map(() => openStream(`${base}/runs/${runId}/events?ka=20`, { "x-user": userId })));
    const log = createRunLog(runId);
    log.append(line(1));
    await log.close();
    for (const s of streams) await s.waitFor(() => s.messages.length === 1);
    expect(watchedRunCount()).toBe(before + 1);
    for (const s of streams) s.close();
    await waitUntil(() => watchedRunCount() === before);
    expect(watchedRunCount()).toBe(before);
  });

  it("ends with `end` when the run finishes while a client is tailing", async () => {
    const { userId, runId } = await createRun();
    const s = await openStream(`${base}/runs/${runId}/events`, { "x-user": userId });
    const log = createRunLog(runId);
    log.append(line(1));
    log.append({ event: "status", status: "failed", exitCode: 2, error: "boom" });
    await log.close();
    await setRunStatus(runId, "failed", { exitCode: 2, error: "boom" });
    // No notification on purpose: the poll (as for a writer in another process) finds the change.
    await s.ended;
    expect(s.messages.map((m) => m.event)).toEqual(["log", "status", "end"]);
    expect(JSON.parse(s.messages[2]!.data)).toMatchObject({ status: "failed", lastSeq: 2, exitCode: 2, error: "boom" });
  });

  it("answers 404 for another user's run or an unknown one, and 400 for a bad cursor", async () => {
    const { runId } = await finishedRun(1);
    const stranger = await createUser();
    const other = await openStream(`${base}/runs/${runId}/events`, { "x-user": stranger });
    expect(other.status).toBe(404);
    const unknown = await openStream(`${base}/runs/00000000-0000-7000-8000-000000000000/events`, { "x-user": stranger });
    expect(unknown.status).toBe(404);
    expect(() => resumeCursor(new Request("http://x/?after=-1"))).toThrow(AppError);
    expect(() => resumeCursor(new Request("http://x/", { headers: { "last-event-id": "abc" } }))).toThrow(/Last-Event-ID/);
    expect(resumeCursor(new Request("http://x/?after=7"))).toBe(7);
    expect(resumeCursor(new Request("http://x/?after=7", { headers: { "last-event-id": "9" } }))).toBe(9);
  });
});
