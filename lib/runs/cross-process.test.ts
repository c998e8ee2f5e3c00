import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFetch } from "@/tests/serve-fetch";
import { runEventsResponse } from "./sse";
import { subscribe } from "./events";
import { listenForOtherProcesses } from "./notify";
import { SseParser } from "./sse-parser";
import { createRun, openStream } from "./test-helpers";

let base = "";
let close: () => Promise<void>;

beforeAll(async () => {
  const served = await serveFetch((request) => {
    const [, , runId] = new URL(request.url).pathname.split("/");
    return runEventsResponse(request, request.headers.get("x-user") ?? "", runId!, { pollMs: 100 });
  });
  base = served.url;
  close = served.close;
});
afterAll(() => close());

function startWriter(runId: string, lines: number, burst: number, pauseMs: number) {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["--conditions=react-server", "lib/runs/test-writer-process.ts", runId, String(lines), String(burst), String(pauseMs)], {
    cwd: process.cwd(),
    env: { ...process.env, DATA_DIR: process.env.DATA_DIR },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return new Promise<number | null>((resolve) => child.on("exit", resolve));
}

describe("a writer in another process", () => {
  it("every line it appends reaches an SSE client exactly once, then `end`", async () => {
    const { userId, runId } = await createRun(undefined, "queued");
    const lines = 400;
    // The client is connected before the child starts, so it sees the tail, not only a replay.
    const s = await openStream(`${base}/runs/${runId}/events`, { "x-user": userId });
    const exit = startWriter(runId, lines, 9, 10);
    await s.waitFor(() => s.messages.length > 0, 30_000);
    const firstArrived = Date.now();
    await s.ended;
    expect(await exit).toBe(0);
    const events = s.messages.filter((m) => m.event !== "end");
    expect(events.map((m) => Number(m.id))).toEqual(Array.from({ length: lines + 1 }, (_, i) => i + 1));
    expect(events[0]!.event).toBe("status");
    expect(events.slice(1).map((m) => JSON.parse(m.data).text.split(" t=")[0])).toEqual(
      Array.from({ length: lines }, (_, i) => `child line ${i + 1}`),
    );
    expect(s.messages.at(-1)!.event).toBe("end");
    // The first lines arrived while the child was still writing (a live tail, not a replay at the end).
    const lastWritten = Number(JSON.parse(events.at(-1)!.data).text.split(" t=")[1]);
    expect(firstArrived).toBeLessThan(lastWritten);
  }, 60_000);

  it("subscribe() alone (no HTTP) tails the other process by polling", async () => {
    const { runId } = await createRun(undefined, "queued");
    const exit = startWriter(runId, 150, 20, 10);
    const parser = new SseParser();
    const ids: number[] = [];
    let ended = false;
    for await (const chunk of subscribe(runId, 0, { pollMs: 50, pageSize: 64 })) {
      for (const m of parser.push(chunk.text)) {
        if (m.event === "end") ended = true;
        else ids.push(Number(m.id));
      }
    }
    expect(await exit).toBe(0);
    expect(ended).toBe(true);
    expect(ids).toEqual(Array.from({ length: 151 }, (_, i) => i + 1));
  }, 60_000);

  it("with the live channel, every line reaches a subscriber that never polls (datagrams from the writer's process)", async () => {
    const stop = await listenForOtherProcesses();
    try {
      const { runId } = await createRun(undefined, "queued");
      const exit = startWriter(runId, 200, 4, 10);
      const parser = new SseParser();
      const ids: number[] = [];
      let ended = false;
      // A poll every 10 minutes: only the notifications can wake this subscriber in time.
      for await (const chunk of subscribe(runId, 0, { pollMs: 600_000 })) {
        for (const m of parser.push(chunk.text)) {
          if (m.event === "end") ended = true;
          else ids.push(Number(m.id));
        }
      }
      expect(await exit).toBe(0);
      expect(ended).toBe(true);
      expect(ids).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    } finally {
      await stop();
    }
  }, 60_000);
});
