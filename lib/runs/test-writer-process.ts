/**
 * A run-log writer in its own process, as a scaled-out worker is: the
 * cross-process test and the benchmarks start it with
 *   tsx --conditions=react-server lib/runs/test-writer-process.ts <runId> <lines> <burst> <pauseMs>
 * and the same DATA_DIR. It appends `lines` log lines in bursts, then closes
 * the log and marks the run completed, exactly in the order the worker must.
 */
import { eq } from "drizzle-orm";
import { db, closeDb } from "@/db/client";
import { agentRuns } from "@/db/schema";
import { configureDatabase } from "@/lib/server/database";
import { createRunLog } from "./event-log";
import { notifyRunChanged } from "./notify";

async function main() {
  const [runId, linesArg = "100", burstArg = "5", pauseArg = "5"] = process.argv.slice(2);
  if (!runId) throw new Error("usage: test-writer-process.ts <runId> [lines] [burst] [pauseMs]");
  const lines = Number(linesArg);
  const burst = Number(burstArg);
  const pause = Number(pauseArg);
  configureDatabase();
  const log = createRunLog(runId);
  log.append({ event: "status", status: "running" });
  for (let i = 1; i <= lines; ) {
    for (let k = 0; k < burst && i <= lines; k++, i++) log.append({ stream: "stdout", kind: "text", text: `child line ${i} t=${Date.now()}` });
    await new Promise((r) => setTimeout(r, pause));
  }
  await log.close();
  await db().update(agentRuns).set({ status: "completed", exitCode: 0, completedAt: new Date().toISOString() }).where(eq(agentRuns.id, runId));
  notifyRunChanged(runId); // as finishRun does
  await new Promise((r) => setTimeout(r, 50)); // let the datagrams leave before exiting
  closeDb();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
