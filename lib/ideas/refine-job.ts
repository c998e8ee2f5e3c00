import "server-only";
import type { JobDefinition } from "@/lib/queue/types";

/** The `refine_idea` job (placeholder until the ideas work lands). */
export const refineIdeaJobDefinition: JobDefinition = { run: async () => ({ skipped: true }) };
