import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/tokens/tokens";
import { GET as eventsGET } from "@/app/api/v1/runs/[id]/events/route";
import { GET as logGET } from "@/app/api/v1/runs/[id]/log/route";
import { SseParser } from "./sse-parser";
import { createRunLog } from "./event-log";
import { createRun, createUser, setRunStatus } from "./test-helpers";

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const bearer = (token: string, extra: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${token}`, ...extra } });

async function finishedRun(texts: string[]) {
  const run = await createRun();
  const log = createRunLog(run.runId);
  for (const text of texts) log.append({ stream: "stdout", kind: "text", text });
  log.append({ event: "status", status: "completed", exitCode: 0 });
  await log.close();
  await setRunStatus(run.runId, "completed", { exitCode: 0 });
  const { value } = await createApiToken(run.userId, "test");
  return { ...run, token: value };
}

describe("run routes of /api/v1", () => {
  it("GET /runs/:id/events streams the run's events to its owner (bearer token)", async () => {
    const { runId, token } = await finishedRun(["a", "b", "c"]);
    const res = await eventsGET(new Request(`http://x/api/v1/runs/${runId}/events?after=1`, bearer(token)), ctx(runId));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const messages = new SseParser().push(await res.text());
    expect(messages.map((m) => [m.id, m.event])).toEqual([
      ["2", "log"],
      ["3", "log"],
      ["4", "status"],
      ["4", "end"],
    ]);
  });

  it("answers 404 JSON for another user's run or an unknown id, and 400 for a bad cursor", async () => {
    const { runId, token } = await finishedRun(["a"]);
    const strangerToken = (await createApiToken(await createUser(), "other")).value;
    const other = await eventsGET(new Request(`http://x/api/v1/runs/${runId}/events`, bearer(strangerToken)), ctx(runId));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "not_found" } });
    const unknown = await logGET(new Request(`http://x/api/v1/runs/nope/log`, bearer(token)), ctx("nope"));
    expect(unknown.status).toBe(404);
    const otherLog = await logGET(new Request(`http://x/api/v1/runs/${runId}/log`, bearer(strangerToken)), ctx(runId));
    expect(otherLog.status).toBe(404);
    const bad = await eventsGET(new Request(`http://x/api/v1/runs/${runId}/events?after=x`, bearer(token)), ctx(runId));
    expect(bad.status).toBe(400);
  });

  it("GET /runs/:id/log returns the whole log as JSON lines, or as plain text", async () => {
    const texts = Array.from({ length: 4321 }, (_, i) => (i === 5 ? "\u001b[31mred\u001b[0m line" : `line ${i}`));
    const { runId, token } = await finishedRun(texts);
    const res = await logGET(new Request(`http://x/api/v1/runs/${runId}/log`, bearer(token)), ctx(runId));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await res.text()).split("\n");
    expect(lines.pop()).toBe("");
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed).toHaveLength(4322);
    expect(parsed.map((p) => p.seq)).toEqual(Array.from({ length: 4322 }, (_, i) => i + 1));
    expect(parsed[0]).toMatchObject({ seq: 1, event: "log", data: { stream: "stdout", kind: "text", text: "line 0" } });
    expect(typeof parsed[0].time).toBe("string");
    expect(parsed[4321]).toMatchObject({ event: "status", data: { status: "completed" } });

    const text = await logGET(new Request(`http://x/api/v1/runs/${runId}/log?format=text`, bearer(token)), ctx(runId));
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const body = await text.text();
    expect(body.split("\n").slice(0, 7)).toEqual(["line 0", "line 1", "line 2", "line 3", "line 4", "red line", "line 6"]);
    expect(body.split("\n")).toHaveLength(4322);
  });

  it("GET /runs/:id/log?format=text keeps every line after one with a NUL, showing the NUL as ␀", async () => {
    const texts = ["before", "nul\u0000inside", "a literal \\u0000 stays", "after 1", "after 2"];
    const { runId, token } = await finishedRun(texts);
    const text = await logGET(new Request(`http://x/api/v1/runs/${runId}/log?format=text`, bearer(token)), ctx(runId));
    expect((await text.text()).split("\n")).toEqual(["before", "nul\u2400inside", "a literal \\u0000 stays", "after 1", "after 2", ""]);
    // The JSON lines keep the NUL itself, escaped, as the agent printed it.
    const ndjson = await logGET(new Request(`http://x/api/v1/runs/${runId}/log`, bearer(token)), ctx(runId));
    const lines = (await ndjson.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[1].data.text).toBe("nul\u0000inside");
    expect(lines).toHaveLength(6);
  });
});
