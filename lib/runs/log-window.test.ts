import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/tokens/tokens";
import { GET as linesGET } from "@/app/api/v1/runs/[id]/lines/route";
import { GET as searchGET } from "@/app/api/v1/runs/[id]/search/route";
import { createRunLog } from "./event-log";
import { MAX_LINES_PAGE } from "./log-window";
import { createRun, createUser, setRunStatus } from "./test-helpers";

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
type Route = (request: Request, context: ReturnType<typeof ctx>) => Promise<Response>;
const get = (route: Route, runId: string, query: string, token: string) =>
  route(new Request(`http://x/api/v1/runs/${runId}/${route === linesGET ? "lines" : "search"}?${query}`, { headers: { authorization: `Bearer ${token}` } }), ctx(runId));

/** A finished run of `count` lines ("line 1" …), with a usage event after line 3 and line 7 on standard error. */
async function finishedRun(count: number, textOf = (i: number) => `line ${i}`) {
  const run = await createRun();
  const log = createRunLog(run.runId);
  for (let i = 1; i <= count; i++) {
    log.append({ stream: i === 7 ? "stderr" : "stdout", kind: "text", text: textOf(i) });
    if (i === 3) log.append({ event: "usage", inputTokens: 1, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 });
  }
  log.append({ event: "status", status: "completed", exitCode: 0 });
  const lastSeq = await log.close();
  await setRunStatus(run.runId, "completed", { exitCode: 0 });
  const { value } = await createApiToken(run.userId, "test");
  return { ...run, token: value, lastSeq };
}

describe("GET /api/v1/runs/:id/lines", () => {
  it("reads a seq range after or before a seq, or the tail, with the log's length", async () => {
    const { runId, token, lastSeq } = await finishedRun(3000);
    expect(lastSeq).toBe(3002);

    const tail = await (await get(linesGET, runId, "limit=10", token)).json();
    expect(tail).toMatchObject({ from: 2993, to: 3002, lastSeq: 3002 });
    expect(tail.data.map((e: { seq: number }) => e.seq)).toEqual([2993, 2994, 2995, 2996, 2997, 2998, 2999, 3000, 3001, 3002]);
    expect(tail.data.at(-1)).toMatchObject({ event: "status", data: { status: "completed" } });

    const head = await (await get(linesGET, runId, "after=0&limit=5", token)).json();
    expect(head).toMatchObject({ from: 1, to: 5 });
    expect(head.data.map((e: { event: string; data: { text?: string } }) => e.data.text ?? e.event)).toEqual(["line 1", "line 2", "line 3", "usage", "line 4"]);
    expect(head.data[0].time).toMatch(/^\d{4}-/);

    const before = await (await get(linesGET, runId, "before=1000&limit=3", token)).json();
    expect(before).toMatchObject({ from: 997, to: 999 });
    expect(before.data.map((e: { data: { text: string } }) => e.data.text)).toEqual(["line 996", "line 997", "line 998"]);

    // Clamped at both ends of the log.
    expect(await (await get(linesGET, runId, "before=3&limit=100", token)).json()).toMatchObject({ from: 1, to: 2 });
    const past = await (await get(linesGET, runId, "after=3002", token)).json();
    expect(past).toMatchObject({ from: 3003, to: 3002, data: [] });
  });

  it("caps a page and answers bad input with a 400 that says what is wrong", async () => {
    const { runId, token } = await finishedRun(10);
    const tooMany = await get(linesGET, runId, `limit=${MAX_LINES_PAGE + 1}`, token);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { code: "validation", fields: { limit: `Must be at most ${MAX_LINES_PAGE}.` } } });
    const both = await get(linesGET, runId, "after=1&before=5", token);
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ error: { fields: { before: "Give either after or before, not both." } } });
    const word = await get(linesGET, runId, "after=ten", token);
    expect(await word.json()).toMatchObject({ error: { fields: { after: expect.stringContaining("non-negative integer") } } });
  });

  it("is the owner's only: another user's run, or an unknown id, is a 404", async () => {
    const { runId } = await finishedRun(5);
    const stranger = (await createApiToken(await createUser(), "other")).value;
    for (const route of [linesGET, searchGET] as Route[]) {
      const res = await get(route, runId, "q=line", stranger);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
      expect((await get(route, "nope", "q=line", stranger)).status).toBe(404);
    }
  });
});

describe("GET /api/v1/runs/:id/search", () => {
  it("finds lines anywhere in the whole log, in order, case-insensitively, and the first error", async () => {
    const { runId, token } = await finishedRun(120_000, (i) => (i === 5 || i === 110_000 ? `Needle "quoted" \\ ${i}` : `line ${i}`));
    const found = await (await get(searchGET, runId, `q=${encodeURIComponent('needle "QUOTED" \\')}`, token)).json();
    // Line 110,000 is seq 110,001 (the usage event after line 3 took a seq).
    expect(found).toEqual({ data: [6, 110_001], more: false, scannedTo: 120_002, lastSeq: 120_002 });
    // A usage row or a key of the stored JSON is not text a person reads.
    expect((await (await get(searchGET, runId, "q=inputTokens", token)).json()).data).toEqual([]);
    expect((await (await get(searchGET, runId, "q=stdout", token)).json()).data).toEqual([]);
    // The status line and its words are searchable; errors=1 finds standard error first.
    expect((await (await get(searchGET, runId, "q=completed", token)).json()).data).toEqual([120_002]);
    expect((await (await get(searchGET, runId, "errors=1&limit=1", token)).json()).data).toEqual([8]);
  });

  it("takes % and _ as themselves, not as wildcards, and finds text after a NUL", async () => {
    const { runId, token } = await finishedRun(20, (i) => (i === 12 ? "build 100% done_ok" : i === 15 ? "before\u0000after the NUL" : `line ${i}`));
    expect((await (await get(searchGET, runId, `q=${encodeURIComponent("0% DONE_")}`, token)).json()).data).toEqual([13]);
    expect((await (await get(searchGET, runId, "q=%25", token)).json()).data).toEqual([13]);
    expect((await (await get(searchGET, runId, "q=_", token)).json()).data).toEqual([13]);
    // A NUL in a line does not hide what follows it.
    expect((await (await get(searchGET, runId, "q=after%20the%20NUL", token)).json()).data).toEqual([16]);
  });

  it("stops at the cap and says more follow; continues after a seq", async () => {
    const { runId, token } = await finishedRun(30);
    const first = await (await get(searchGET, runId, "q=line&limit=10", token)).json();
    expect(first).toMatchObject({ data: [1, 2, 3, 5, 6, 7, 8, 9, 10, 11], more: true, scannedTo: 11 });
    const rest = await (await get(searchGET, runId, "q=line&after=11&limit=1000", token)).json();
    expect(rest.data).toHaveLength(20);
    expect(rest.more).toBe(false);
    const bad = await get(searchGET, runId, "q=%20%20", token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { fields: { q: "Give the text to find (q), or errors=1, not both." } } });
    expect((await get(searchGET, runId, "q=x&limit=1001", token)).status).toBe(400);
  });
});
