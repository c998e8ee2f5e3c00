/**
 * Records usage from its own process, as a scaled-out worker does: the rollup
 * test starts two of these at once on the same DATA_DIR with
 *   tsx --conditions=react-server lib/usage/test-recorder-process.ts <userId> <projectId> <agentId> <count>
 */
import { closeDb } from "@/db/client";
import { configureDatabase } from "@/lib/server/database";
import { addRun } from "./test-helpers";
import { recordRunUsage } from "./usage";

async function main() {
  configureDatabase();
  const [userId, projectId, agentId, countArg = "50"] = process.argv.slice(2);
  if (!userId || !projectId || !agentId) throw new Error("usage: test-recorder-process.ts <userId> <projectId> <agentId> [count]");
  const models = ["claude-sonnet-4-5", "gpt-5", "gemini-2.5-pro"];
  await Promise.all(
    Array.from({ length: Number(countArg) }, async (_, i) => {
      const run = await addRun(userId, projectId, agentId);
      await recordRunUsage({
        userId,
        projectId,
        agentId,
        runId: run.id,
        report: { model: models[i % 3]!, inputTokens: 100 + i, outputTokens: 7 * i, cacheReadTokens: i, cacheWriteTokens: 1, costUsd: 0.001 * (i + 1) },
      });
    }),
  );
  closeDb();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
