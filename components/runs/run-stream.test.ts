import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFetch } from "@/tests/serve-fetch";
import { createRunLog } from "@/lib/runs/event-log";
import { notifyRunChanged } from "@/lib/runs/notify";
import { runEventsResponse } from "@/lib/runs/sse";
import { createRun, createUser, setRunStatus } from "@/lib/runs/test-helpers";
import { connectRunStream, type RunStreamEvent, type StreamState } from "./run-stream";

let base = "";
let close: () => Promise<void>;
const sockets = new Set<Socket>();

beforeAll(async () => {
  const served = await serveFetch(async (request) => {
    const [, , runId] = new URL(request.url).pathname.split("/");
    try {
      return await runEventsResponse(request, request.headers.get("x-user") ?? "", runId!, { pollMs: 100 });
    } catch {
      return Response.json({ error: { code: "not_found" } }, { status: 404 });
    }
  });
  served.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  base = served.url;
  close = served.close;
});
afterAll(() => close());

function fetchAs(userId: string): typeof fetch {
  return (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), "x-user": userId } });
}

describe("the live view's stream client", () => {
  it("reconnects by itself after dropped connections without losing or repeating an event", async () => {
    const { userId, runId } = await createRun();
    const log = createRunLog(runId, { delayMs: 5 });
    const total = 800;
    const writer = (async () => {
      for (let i = 1; i <= total; ) {
        for (let k = 0; k < 5 && i <= total; k++, i++) log.append({ stream: "stdout", kind: "text", text: `line ${i}` });
        await new Promise((r) => setTimeout(r, 2));
      }
      await log.close();
      await setRunStatus(runId, "completed", { exitCode: 0 });
      notifyRunChanged(runId);
    })();
    // The network fails now and then: every open connection is cut.
    const cutter = setInterval(() => {
      for (const s of sockets) s.destroy();
    }, 120);

    const seen: number[] = [];
    const states: StreamState[] = [];
    let endStatus = "";
    const handle = connectRunStream(
      `${base}/runs/${runId}/events`,
      {
        onEvents: (events: RunStreamEvent[]) => seen.push(...events.map((e) => e.seq)),
        onEnd: (data) => (endStatus = data.status),
        onState: (state) => states.push(state),
      },
      { fetch: fetchAs(userId), minRetryMs: 20, maxRetryMs: 100 },
    );
    await writer;
    // Let the stream finish without cuts once everything is written.
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(cutter);
    await handle.done;
    expect(states.filter((s) => s === "reconnecting").length).toBeGreaterThan(1);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(endStatus).toBe("completed");
    expect(states.at(-1)).toBe("ended");
  }, 30_000);

  it("resumes after the seq it is given and stops on 404 instead of retrying", async () => {
    const { userId, runId } = await createRun();
    const log = createRunLog(runId);
    for (let i = 1; i <= 10; i++) log.append({ stream: "stdout", kind: "text", text: `l${i}` });
    await log.close();
    await setRunStatus(runId, "completed");
    const seen: number[] = [];
    const resumed = connectRunStream(`${base}/runs/${runId}/events`, { onEvents: (e) => seen.push(...e.map((x) => x.seq)) }, { fetch: fetchAs(userId), after: 6 });
    await resumed.done;
    expect(seen).toEqual([7, 8, 9, 10]);

    const states: StreamState[] = [];
    const stranger = await createUser();
    const denied = connectRunStream(`${base}/runs/${runId}/events`, { onEvents: () => {}, onState: (s) => states.push(s) }, { fetch: fetchAs(stranger) });
    await denied.done;
    expect(states).toEqual(["connecting", "failed"]);
  });
});
