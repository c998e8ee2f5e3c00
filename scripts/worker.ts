import { closeDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { configureDatabase } from "@/lib/server/database";
import { seedModelPrices } from "@/lib/usage/prices";
import { schedulePruning } from "@/lib/runs/retention";
import { scheduleWorktreeCleanup } from "@/lib/attempts/cleanup";
import { scheduleTrashPurge } from "@/lib/trash/trash";
import { scheduleBackups } from "@/lib/backup/schedule";
import { config, ensureDataDir } from "@/lib/config";
import { jobHandlers } from "@/lib/server/job-handlers";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { assertSandboxAtStart, describeSandbox } from "@/lib/sandbox/policy";

// `npm run worker`: the job worker on its own (scale-out; run the web server
// with WORKER=off, or keep it inline too - several workers share one database).
// (No top-level await: tsx compiles this file as CommonJS, the package has no "type": "module".)
async function main() {
  ensureDataDir();
  configureDatabase();
  assertSandboxAtStart(); // SANDBOX=on: no worker without it
  console.log(describeSandbox());
  await migrateDatabase();
  await seedModelPrices(); // runs are priced here
  await schedulePruning();
  await scheduleWorktreeCleanup();
  await scheduleTrashPurge();
  await scheduleBackups();
  const worker = startWorker({ handlers: jobHandlers });
  console.log(`Worker ${worker.id} started on ${config().databaseUrl} (types: ${Object.keys(jobHandlers).join(", ")})`);
  process.on("SIGTERM", (s) => void shutdown(worker, s));
  process.on("SIGINT", (s) => void shutdown(worker, s));
}

let stopping = false;
async function shutdown(worker: Worker, signal: NodeJS.Signals) {
  if (stopping) {
    console.log(`${signal} again: exiting now; unfinished jobs are reconciled when their leases expire.`);
    process.exit(1);
  }
  stopping = true;
  console.log(`${signal}: stopping the worker (running jobs get a few seconds to finish)...`);
  try {
    await worker.stop();
  } finally {
    closeDb();
  }
  console.log("Worker stopped.");
  process.exit(0);
}

main().catch((error) => {
  console.error("Worker failed to start:", error);
  process.exit(1);
});
