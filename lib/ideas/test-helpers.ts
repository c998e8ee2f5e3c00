import { createAgent } from "@/lib/agents/agents";
import { createProject } from "@/lib/projects/projects";
import { claimJob } from "@/lib/queue/queue";
import { refineIdeaJobDefinition } from "./refine-job";
import { JOB_TYPES } from "@/lib/domain";
import { testUser } from "@/tests/factories";

/** Test fixtures only (not imported by app code). */

/** A script agent whose run prints `lines` (one printf argument each): a stand-in for a refinement agent. */
export async function scriptAgent(userId: string, defaultTask: string, name = "refiner") {
  return createAgent(userId, {
    name,
    executor: "script",
    model: "sonnet",
    systemPrompt: "",
    icon: "terminal",
    type: "refinement",
    tools: [],
    enableFileRead: true,
    enableFileWrite: false,
    enableNetwork: false,
    defaultTask,
    hooks: null,
  });
}

/** A printf command that prints each line as given (single quotes inside are not supported). */
export const printLines = (...lines: string[]) => `printf '%s\\n' ${lines.map((l) => `'${l}'`).join(" ")}`;

/** A PRO user (plenty of runs) with one project (an empty git workspace). */
export async function ideaOwner(email: string) {
  const user = await testUser({ email, name: email, plan: "PRO" });
  const project = await createProject(user.id, { name: `p-${email}` });
  return { userId: user.id, projectId: project.id, projectPath: project.path };
}

/** Claims the next refine_idea job and runs its handler here, as a worker would. */
export async function runNextRefineJob(signal = new AbortController().signal) {
  const job = await claimJob({ workerId: "test", types: [JOB_TYPES.refineIdea] });
  if (!job) throw new Error("no refine_idea job is pending");
  const result = await refineIdeaJobDefinition.run({ job, signal, heartbeat: async () => true });
  return { job, result };
}
