import "server-only";
import { authSecret, ensureDataDir } from "@/lib/config";
import { migrateDatabase } from "@/db/migrate";
import { configureDatabase } from "./database";
import { startInlineWorker } from "@/lib/queue/worker";
import { jobHandlers } from "./job-handlers";
import { seedModelPrices } from "@/lib/usage/prices";
import { schedulePruning } from "@/lib/runs/retention";
import { scheduleWorktreeCleanup } from "@/lib/attempts/cleanup";
import { scheduleTrashPurge } from "@/lib/trash/trash";
import { scheduleBackups } from "@/lib/backup/schedule";
import { listenForOtherProcesses } from "@/lib/runs/notify";
import { assertSandboxAtStart, describeSandbox } from "@/lib/sandbox/policy";

let started: Promise<void> | undefined;

/** Everything a fresh machine needs before the first request; safe to call twice. */
export function startServer() {
  started ??= (async () => {
    ensureDataDir();
    configureDatabase();
    assertSandboxAtStart(); // SANDBOX=on: no server without it
    authSecret(); // generate and keep it now, not in the middle of a sign-in
    await migrateDatabase();
    await seedModelPrices();
    // `next build` loads the server too; only a running server works the queue.
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      await schedulePruning(); // expired run logs, daily (one job across every process)
      await scheduleWorktreeCleanup(); // finished attempts' worktrees past WORKTREE_TTL_HOURS, hourly
      await scheduleTrashPurge(); // what has been in the trash for 30 days, daily
      await scheduleBackups(); // daily backups when an admin turned them on, checked hourly
      console.log(describeSandbox());
      await listenForOtherProcesses(); // live output written by workers in other processes
      startInlineWorker(jobHandlers);
    }
  })();
  return started;
}
