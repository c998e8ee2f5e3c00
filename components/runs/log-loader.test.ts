import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as linesGET } from "@/app/api/v1/runs/[id]/lines/route";
import { createRunLog } from "@/lib/runs/event-log";
import { createRun, setRunStatus } from "@/lib/runs/test-helpers";
import { createApiToken } from "@/lib/tokens/tokens";
import { serveFetch } from "@/tests/serve-fetch";
import { LogLoader, type LogViewport } from "./log-loader";
import { LogStore } from "./log-store";

/*
 * The loader against the real /lines route on a real HTTP server: it opens at
 * the end, fetches the page before the window as the reader nears its top,
 * keeps the window within maxRows, and moves it whole to a far line.
 */

let served: Awaited<ReturnType<typeof serveFetch>>;
let runId = "";
let token = "";
const LINES = 5_000;

beforeAll(async () => {
  const run = await createRun();
  runId = run.runId;
  const log = createRunLog(runId);
  for (let i = 1; i <= LINES; i++) log.append({ stream: "stdout", kind: "text", text: `line ${i}` });
  await log.close();
  await setRunStatus(runId, "completed", { exitCode: 0 });
  token = (await createApiToken(run.userId, "loader")).value;
  served = await serveFetch((request) => linesGET(request, { params: Promise.resolve({ id: runId }) }));
});
afterAll(() => served.close());

/** A loader whose every request goes to the test server with the run owner's token; `step` waits for one request to finish. */
function testLoader(store: LogStore) {
  let done: () => void = () => {};
  const loader = new LogLoader(
    runId,
    store,
    () => done(),
    (url, init) => fetch(`${served.url}${String(url)}`, { ...init, headers: { authorization: `Bearer ${token}` } }),
  );
  const step = (view: LogViewport) =>
    new Promise<void>((resolve) => {
      done = resolve;
      loader.ensure(view);
      if (loader.nextQuery(view) === null && loader.started) resolve();
    });
  return { loader, step };
}

describe("LogLoader", () => {
  it("opens at the end, loads the page before the window near its top, stays within maxRows, and jumps far", async () => {
    const store = new LogStore(20, 2_000);
    const { loader, step } = testLoader(store);
    await step({ first: 1, last: 1, following: true, target: null });
    expect(loader.started).toBe(true);
    expect([store.total, store.start, store.end]).toEqual([LINES, LINES - 999, LINES]);
    expect(store.itemAt(LINES)?.text).toBe(`line ${LINES}`);
    // Following, the end held: nothing to load.
    expect(loader.nextQuery({ first: LINES - 40, last: LINES, following: true, target: null })).toBeNull();
    // A link past the end (a line not written yet) loads nothing until the log gets there.
    expect(loader.nextQuery({ first: LINES - 40, last: LINES, following: false, target: LINES + 10 })).toBeNull();

    // The reader near the window's top: the page before it comes.
    const near = (s: LogStore): LogViewport => ({ first: s.start + 10, last: s.start + 50, following: false, target: null });
    expect(loader.nextQuery(near(store))).toBe(`before=${LINES - 999}&limit=1000`);
    await step(near(store));
    expect([store.start, store.end]).toEqual([LINES - 1999, LINES]);
    await step(near(store));
    // 3,000 seqs would be over maxRows: the window is cut around the reader (lines 3,011-3,051), the rows far below go.
    expect(store.size).toBe(2_000);
    expect([store.start, store.end]).toEqual([2_031, 4_030]);
    expect(store.itemAt(2_031)?.text).toBe("line 2031");

    // A #L link (or a match) far away: the window moves there whole.
    await step({ first: 1, last: 40, following: false, target: 100 });
    expect(store.has(100)).toBe(true);
    expect(store.start).toBe(1);
    expect(store.itemAt(100)?.text).toBe("line 100");
  });

  it("stops, and says so, when the run is not there (or not the caller's)", async () => {
    const store = new LogStore(20);
    const missing = new LogLoader("nope", store, () => {}, (url, init) => fetch(`${served.url}${String(url)}`, { ...init, headers: { authorization: "Bearer not-a-token" } }));
    missing.ensure({ first: 1, last: 1, following: true, target: null });
    expect(await missing.ready).toBeNull();
    expect(missing.gone).toBe(true);
  });
});

