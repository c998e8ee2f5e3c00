/**
 * A queue worker in its own process, for the multi-process tests. Run as
 *   node --import tsx --conditions=react-server lib/queue/test-fixtures/child-worker.ts
 * with DATA_DIR pointing at the test's database. Prints "ready", waits for a
 * line on stdin, then works; prints "ran <id> <attempt>" when a "count" job
 * runs and "started <id> <attempt>" when a "long" job (which never ends by
 * itself) starts. SIGTERM stops it gracefully.
 */
import readline from "node:readline";
import { startWorker } from "@/lib/queue/worker";
import { configureDatabase } from "@/lib/server/database";

const leaseMs = process.env.QUEUE_LEASE_MS ? Number(process.env.QUEUE_LEASE_MS) : undefined;
const concurrency = Number(process.env.QUEUE_CONCURRENCY ?? 4);

configureDatabase();

const rl = readline.createInterface({ input: process.stdin });
rl.once("line", () => {
  rl.close();
  const worker = startWorker({
    concurrency,
    leaseMs,
    pollMs: 50,
    handlers: {
      count: async ({ job }) => {
        process.stdout.write(`ran ${job.id} ${job.attempts}\n`);
        await new Promise((r) => setTimeout(r, 2));
      },
      long: async ({ job, signal }) => {
        process.stdout.write(`started ${job.id} ${job.attempts}\n`);
        await new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      },
    },
  });
  process.on("SIGTERM", () => {
    void worker.stop({ drainMs: 1000 }).then(() => process.exit(0));
  });
});
process.stdout.write("ready\n");
