import { describe, expect, it } from "vitest";
import { startAttempt } from "@/lib/attempts/attempts";
import { fixture, runJob } from "@/lib/attempts/test-helpers";
import { planUsage } from "@/lib/billing/usage";
import { usageSummaryFor } from "./usage";

describe("one run count everywhere", () => {
  it("runs without tokens (a setup script, a script agent) are still runs on /usage, matching the plan's count on the dashboard", async () => {
    const f = await fixture({ setupScript: "echo setting up" });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "note" });
    await runJob(attempt.id);
    const usage = await usageSummaryFor({ userId: f.userId });
    const plan = await planUsage(f.userId);
    expect(plan.usage.runsThisMonth).toBe(2);
    expect(usage.totals).toMatchObject({ runs: 2, inputTokens: 0, outputTokens: 0, costUsd: 0 });
  });
});
