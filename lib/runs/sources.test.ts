import { describe, expect, it } from "vitest";
import { GET as listGET, POST as startPOST } from "@/app/api/v1/runs/route";
import { GET as runGET } from "@/app/api/v1/runs/[id]/route";
import { apiRequest, idParams } from "@/tests/api";
import { startAttempt } from "@/lib/attempts/attempts";
import { fixture, runJob } from "@/lib/attempts/test-helpers";
import { startRun } from "./lifecycle";
import { firstLine, runSourceHref, runTitle } from "./title";

const url = (p: string) => `http://x/api/v1${p}`;

describe("run titles", () => {
  it("take the first line with text, without ANSI colours, cursor moves, OSC links or control characters", () => {
    expect(firstLine("\n  \n\u001b[1;32mnpm\u001b[0m test\u0007 --watch\nsecond line")).toBe("npm test --watch");
    expect(firstLine("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\ and\ttab\u0000")).toBe("link and tab");
    expect(firstLine("a".repeat(200))).toBe(`${"a".repeat(79)}…`);
    expect(firstLine("\u001b[2J\r\n")).toBe("");
  });

  it("call a pipeline step by what it belongs to, and link back to it", () => {
    expect(runTitle({ task: "echo hi", source: "attempt", sourceName: "Fix the build" })).toBe("Fix the build");
    expect(runTitle({ task: "echo hi", source: "attempt", sourceName: null })).toBe("echo hi");
    expect(runTitle({ task: "echo hi", source: "api", sourceName: null })).toBe("echo hi");
    expect(runSourceHref({ source: "attempt", sourceId: "a1" })).toBe("/board/attempts/a1");
    expect(runSourceHref({ source: "refinement", sourceId: "i1" })).toBe("/ideas/i1");
    expect(runSourceHref({ source: "manual", sourceId: null })).toBeNull();
  });
});

describe("where a run came from, over /api/v1/runs", () => {
  it("a run started over the API says api, one started on /runs says manual, an attempt's steps name their task and attempt", async () => {
    const f = await fixture({ setupScript: "echo setting up" });
    const viaApi = await startPOST(apiRequest(url("/runs"), f.user.auth, "POST", { agentId: f.agentId, projectId: f.projectId, task: "\u001b[31mred\u001b[0m\nmore" }));
    expect(viaApi.status).toBe(201);
    const apiRun = await viaApi.json();
    expect(apiRun).toMatchObject({ source: "api", sourceId: null, sourceName: null });

    const manual = await startRun(f.userId, { agentId: f.agentId, projectId: f.projectId, task: "echo by hand" });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "go" });
    await runJob(attempt.id);

    const { data } = await (await listGET(apiRequest(url("/runs?limit=10"), f.user.auth))).json();
    const bySource = (s: string) => data.filter((r: { source: string }) => r.source === s);
    expect(bySource("api").map((r: { id: string }) => r.id)).toEqual([apiRun.id]);
    expect(bySource("manual").map((r: { id: string }) => r.id)).toEqual([manual.id]);
    // The setup script and the coding turn: both steps of the attempt, called by the task.
    expect(bySource("attempt")).toHaveLength(2);
    for (const run of bySource("attempt")) expect(run).toMatchObject({ sourceId: attempt.id, sourceName: "Add notes file" });

    const one = await (await runGET(apiRequest(url(`/runs/${apiRun.id}`), f.user.auth), idParams(apiRun.id))).json();
    expect(runTitle(one)).toBe("red");
  });
});
