import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, dbClient } from "@/db/client";
import { agentRuns } from "@/db/schema";
import { createRunLog, toRow } from "./event-log";
import { readEvents } from "./events";
import { onRunNotify } from "./notify";
import { createRun } from "./test-helpers";

async function lastSeqOf(runId: string) {
  const [row] = await db().select({ lastSeq: agentRuns.lastSeq }).from(agentRuns).where(eq(agentRuns.id, runId));
  return row!.lastSeq;
}

async function allEvents(runId: string) {
  const out = [];
  for (let after = 0; ; ) {
    const page = await readEvents(runId, after, 700);
    if (page.length === 0) return out;
    out.push(...page);
    after = page[page.length - 1]!.seq;
  }
}

/** Count write transactions by spying on the client's batch(). */
function countBatches() {
  const client = dbClient();
  const original = client.batch.bind(client);
  const sizes: number[] = [];
  client.batch = (async (stmts: Parameters<typeof original>[0], mode?: Parameters<typeof original>[1]) => {
    sizes.push(stmts.length);
    return original(stmts, mode);
  }) as typeof client.batch;
  return { sizes, restore: () => (client.batch = original) };
}

describe("run event log", () => {
  it("numbers events 1..n with no gap, stores the wire data, and updates last_seq", async () => {
    const { runId } = await createRun();
    const log = createRunLog(runId);
    for (let i = 0; i < 1234; i++) log.append({ stream: i % 3 === 1 ? "stderr" : "stdout", kind: "text", text: `line ${i}` });
    log.append({ stream: "stdout", kind: "tool_use", text: "Read a.ts", data: { tool: "Read", input: { path: "a.ts" } } });
    log.append({ event: "usage", inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.01 });
    log.append({ event: "status", status: "completed", exitCode: 0 });
    expect(await log.close()).toBe(1237);

    const events = await allEvents(runId);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 1237 }, (_, i) => i + 1));
    expect(events[0]).toMatchObject({ event: "log", stream: "stdout", kind: "text", data: { stream: "stdout", kind: "text", text: "line 0" } });
    expect(events[1234]).toMatchObject({ event: "log", kind: "tool_use", data: { text: "Read a.ts", data: { tool: "Read" } } });
    expect(events[1235]).toMatchObject({ event: "usage", stream: "system", data: { inputTokens: 10, costUsd: 0.01 } });
    expect(events[1236]).toMatchObject({ event: "status", data: { status: "completed", exitCode: 0 } });
    expect(typeof events[1236]!.data.at).toBe("string");
    expect(await lastSeqOf(runId)).toBe(1237);
  });

  it("a second writer on the same run continues after the stored last_seq", async () => {
    const { runId } = await createRun();
    const first = createRunLog(runId);
    for (let i = 0; i < 10; i++) first.append({ stream: "stdout", kind: "text", text: `a${i}` });
    await first.close();
    const second = createRunLog(runId);
    second.append({ stream: "stdout", kind: "text", text: "b0" });
    expect(await second.close()).toBe(11);
    // Two writers at once interleave without reusing a seq.
    const x = createRunLog(runId);
    const y = createRunLog(runId);
    for (let i = 0; i < 300; i++) {
      x.append({ stream: "stdout", kind: "text", text: `x${i}` });
      y.append({ stream: "stdout", kind: "text", text: `y${i}` });
    }
    await Promise.all([x.close(), y.close()]);
    const seqs = (await allEvents(runId)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 611 }, (_, i) => i + 1));
  });

  it("flushes by size: 500 events make one transaction at once, without waiting for the timer", async () => {
    const { runId } = await createRun();
    const spy = countBatches();
    try {
      const log = createRunLog(runId, { delayMs: 25 });
      const started = Date.now();
      for (let i = 0; i < 1200; i++) log.append({ stream: "stdout", kind: "text", text: `l${i}` });
      await log.close();
      // 500 + 500 + 200; each batch = ceil(n/100) INSERTs + 1 UPDATE, in one transaction.
      expect(spy.sizes).toEqual([6, 6, 3]);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      spy.restore();
    }
  });

  it("flushes by time: a few events are committed within 25 ms, without flush()", async () => {
    const { runId } = await createRun();
    const log = createRunLog(runId, { delayMs: 25 });
    const notified: number[] = [];
    const stop = onRunNotify(runId, (seq) => seq !== null && notified.push(seq));
    try {
      const t0 = performance.now();
      log.append({ stream: "stdout", kind: "text", text: "one" });
      log.append({ stream: "stdout", kind: "text", text: "two" });
      expect(log.pending).toBe(2);
      while (notified.length === 0 && performance.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 2));
      const elapsed = performance.now() - t0;
      expect(notified).toEqual([2]);
      expect(elapsed).toBeGreaterThanOrEqual(20);
      expect(elapsed).toBeLessThan(1000); // 25 ms plus one commit, on a busy machine
      expect(log.pending).toBe(0);
      expect((await readEvents(runId, 0, 10)).map((e) => e.data.text)).toEqual(["one", "two"]);
      expect(await lastSeqOf(runId)).toBe(2);
    } finally {
      stop();
      await log.close();
    }
  });

  it("events appended while a commit runs go into the next batch, in order", async () => {
    const { runId } = await createRun();
    const log = createRunLog(runId, { delayMs: 0 });
    const texts: string[] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 37; i++) {
        const text = `r${round}-${i}`;
        texts.push(text);
        log.append({ stream: "stdout", kind: "text", text });
      }
      await new Promise((r) => setTimeout(r, round % 3));
    }
    await log.close();
    const events = await allEvents(runId);
    expect(events.map((e) => e.data.text)).toEqual(texts);
    expect(events.map((e) => e.seq)).toEqual(texts.map((_, i) => i + 1));
  });

  it("keeps the reserved kinds apart and drops (never throws on) appends after close", async () => {
    const { runId } = await createRun();
    expect(toRow({ stream: "stdout", kind: "run:status", text: "x" }).kind).toBe("run_status");
    const log = createRunLog(runId);
    log.append({ stream: "stdout", kind: "text", text: "in time" });
    await log.close();
    expect(() => log.append({ stream: "stdout", kind: "text", text: "late" })).not.toThrow();
    expect(await log.flush()).toBe(1);
    expect((await readEvents(runId, 0, 10)).map((e) => e.data.text)).toEqual(["in time"]);
  });

  it("drops events of a run that was deleted instead of failing", async () => {
    const { runId } = await createRun();
    await db().delete(agentRuns).where(eq(agentRuns.id, runId));
    const log = createRunLog(runId);
    log.append({ stream: "stdout", kind: "text", text: "orphan" });
    expect(await log.close()).toBe(0);
    expect(await readEvents(runId, 0, 10)).toEqual([]);
  });

  it("reads pages with an index range scan on (run_id, seq)", async () => {
    const plan = await dbClient().execute({
      sql: "EXPLAIN QUERY PLAN SELECT seq, time, stream, level, kind, payload FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?",
      args: ["x", 0, 10],
    });
    const detail = plan.rows.map((r) => String(r.detail)).join(" | ");
    expect(detail).toMatch(/SEARCH run_events USING INDEX sqlite_autoindex_run_events_1 \(run_id=\? AND seq>\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
