import type { Plan } from "@/db/schema";

/**
 * The one place that knows what each plan allows. Everything that enforces a
 * limit (actions, API, queue) or shows one (/billing, GET /api/v1/me) reads it
 * from here. `null` means unlimited.
 */
export const PLAN_LIMITS = {
  FREE: { agents: 3, projects: 2, concurrentRuns: 1, runsPerMonth: 100, logRetentionDays: 14 },
  PRO: { agents: null, projects: null, concurrentRuns: 5, runsPerMonth: 10_000, logRetentionDays: 180 },
} as const satisfies Record<Plan, PlanLimits>;

export type PlanLimits = {
  agents: number | null;
  projects: number | null;
  concurrentRuns: number;
  runsPerMonth: number;
  logRetentionDays: number;
};

export function limitsFor(plan: Plan): PlanLimits {
  return PLAN_LIMITS[plan];
}
