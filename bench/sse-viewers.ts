/**
 * Helper process of bench/sse.ts: N real HTTP clients on loopback following
 * one SSE URL. Reports "ready" once every client has its response, then, when
 * every client has seen `end` (or the time limit passed), one JSON line with
 * each log line's latency (receive time minus the `t=` time the writer put in
 * the line; both clocks are performance.timeOrigin + performance.now() on the
 * same machine) and whether every client got every line exactly once.
 *
 *   tsx bench/sse-viewers.ts <url> <viewers> <expectedLines> <timeoutMs>
 */
import http from "node:http";
import { SseParser } from "../lib/runs/sse-parser";

const [url, viewersArg, expectedArg, timeoutArg] = process.argv.slice(2);
const viewers = Number(viewersArg ?? 1);
const expected = Number(expectedArg ?? 100);
const timeoutMs = Number(timeoutArg ?? 60_000);
const now = () => performance.timeOrigin + performance.now();

type Viewer = { seqs: number[]; latencies: number[]; ended: boolean };

function follow(v: Viewer, onResponse: () => void, onEnd: () => void) {
  const req = http.get(url!, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
    res.setEncoding("utf8");
    const parser = new SseParser();
    onResponse();
    res.on("data", (chunk: string) => {
      const received = now();
      for (const m of parser.push(chunk)) {
        if (m.event === "end") {
          v.ended = true;
          req.destroy();
          onEnd();
          return;
        }
        if (m.event !== "log") continue;
        v.seqs.push(Number(m.id));
        const match = /t=(\d+(?:\.\d+)?)/.exec(m.data);
        if (match) v.latencies.push(received - Number(match[1]));
      }
    });
  });
  req.on("error", () => onEnd());
}

async function main() {
  const all: Viewer[] = Array.from({ length: viewers }, () => ({ seqs: [], latencies: [], ended: false }));
  let responded = 0;
  let ended = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  for (const v of all) {
    follow(
      v,
      () => {
        if (++responded === viewers) process.stdout.write("ready\n");
      },
      () => {
        if (++ended === viewers) finish();
      },
    );
    // Open connections in small steps, as people do; the accept queue stays short.
    if (all.indexOf(v) % 20 === 19) await new Promise((r) => setTimeout(r, 5));
  }
  const timer = setTimeout(finish, timeoutMs);
  await done;
  clearTimeout(timer);
  const complete = all.filter((v) => v.ended && v.seqs.length === expected && new Set(v.seqs).size === expected).length;
  const latencies = all.flatMap((v) => v.latencies.map((l) => Math.round(l * 100) / 100));
  // Exit only once the (large) report is flushed to the pipe.
  process.stdout.write(JSON.stringify({ complete, viewers, latencies }) + "\n", () => process.exit(0));
}

void main();
