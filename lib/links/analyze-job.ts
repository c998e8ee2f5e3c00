import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { links, type Job } from "@/db/schema";
import { nowIso } from "@/lib/domain/ids";
import { config } from "@/lib/config";
import { getAgent } from "@/lib/agents/agents";
import { AppError } from "@/lib/errors";
import type { JobContext, JobDefinition } from "@/lib/queue/types";
import { executeRun, interruptRun } from "@/lib/runs/execute";
import { createAgentTurn, runOutputText } from "@/lib/runs/turns";
import { defaultAgentId } from "@/lib/users/settings";
import { buildLinkPrompt, parseLinkAnalysis } from "./analysis";
import { fetchPage, PageFetchError } from "./fetch-page";
import { linksProject } from "./links";
import { readablePage } from "./readable";

type LinkRow = typeof links.$inferSelect;
const linkIdOf = (job: Job) => String((job.payload as { linkId?: unknown }).linkId ?? "");

async function update(linkId: string, values: Partial<LinkRow>) {
  await db().update(links).set(values).where(eq(links.id, linkId));
}

const failed = (linkId: string, error: string) => update(linkId, { status: "failed", error });

/** The agent that analyses the link: its own, else the owner's default; a script agent must have its command. */
async function analysisAgent(link: Pick<LinkRow, "userId" | "agentId">) {
  const agentId = link.agentId ?? (await defaultAgentId(link.userId));
  if (!agentId) throw new AppError("validation", "No agent to analyse it with: choose one, or set a default agent in Settings.");
  const agent = await getAgent(link.userId, agentId).catch(() => {
    throw new AppError("not_found", "The agent chosen for this link no longer exists: choose another and analyse again.");
  });
  // A script agent without a default task would run the prompt (the page's text) as a command.
  if (agent.executor === "script" && !agent.defaultTask?.trim()) {
    throw new AppError("validation", `The script agent "${agent.name}" has no default task (the command that reads $SWITCHBOARD_PROMPT), so it cannot analyse links.`);
  }
  return agent;
}

/**
 * The `analyze_link` job: fetch the page (lib/links/fetch-page.ts), keep its title and text,
 * then run the agent on it as a run of its own (source `link`: metered, limited and shown in
 * /runs like any run) and keep the JSON it answers with. Every failure ends the link `failed`
 * with an error that says what went wrong.
 */
async function analyzeLink({ job, signal }: JobContext) {
  const linkId = linkIdOf(job);
  const [link] = await db().select().from(links).where(eq(links.id, linkId)).limit(1);
  if (!link) return { skipped: "deleted" };
  await update(linkId, { status: "fetching", error: null });

  let page: { title: string | null; text: string; finalUrl: string };
  try {
    const fetched = await fetchPage(link.url, { allowPrivate: config().linksAllowPrivate });
    page = { ...readablePage(fetched.html, fetched.contentType), finalUrl: fetched.finalUrl };
  } catch (error) {
    await failed(linkId, error instanceof PageFetchError ? error.message : `The page could not be read: ${(error as Error).message}`);
    return { failed: "fetch" };
  }
  const still = await db()
    .update(links)
    .set({ status: "analyzing", title: page.title, text: page.text, finalUrl: page.finalUrl, fetchedAt: nowIso() })
    .where(eq(links.id, linkId))
    .returning({ id: links.id });
  if (still.length === 0) return { skipped: "deleted" }; // deleted while its page was fetched: no run for it

  let runId: string;
  try {
    const agent = await analysisAgent(link);
    const project = await linksProject(link.userId);
    const prompt = buildLinkPrompt({ url: page.finalUrl, title: page.title, text: page.text });
    runId = await createAgentTurn(link.userId, { agent, projectId: project.id, prompt, readOnly: true, from: { source: "link", sourceId: linkId } });
  } catch (error) {
    // No agent, over the plan's monthly runs, an executor turned off, no sandbox here: said on the link.
    await failed(linkId, (error as Error).message);
    return { failed: "run" };
  }
  await update(linkId, { runId });

  const outcome = await executeRun(runId, signal);
  if (outcome.status !== "completed") {
    const why =
      outcome.status === "cancelled" || outcome.status === "skipped"
        ? "The analysis run was cancelled."
        : `The analysis run failed: ${outcome.error ?? `exit code ${outcome.exitCode}`}`;
    await failed(linkId, why);
    return { failed: outcome.status };
  }
  const parsed = parseLinkAnalysis(await runOutputText(runId));
  if (!parsed.ok) {
    await failed(linkId, parsed.problem);
    return { failed: "answer" };
  }
  await update(linkId, { status: "done", error: null, mainTopic: parsed.analysis.mainTopic, reasonsToCare: parsed.analysis.reasonsToCare });
  return { done: true };
}

/** The worker died mid-analysis: its run fails as interrupted, and so does the link. */
async function onAnalysisInterrupted(job: Job) {
  const linkId = linkIdOf(job);
  const [link] = await db().select({ runId: links.runId, status: links.status }).from(links).where(eq(links.id, linkId)).limit(1);
  if (!link) return;
  if (link.runId && link.status === "analyzing") await interruptRun(link.runId);
  if (link.status !== "done" && link.status !== "failed") await failed(linkId, "Interrupted: the worker analysing it stopped. Analyse it again.");
}

export const analyzeLinkJobDefinition: JobDefinition = { run: analyzeLink, onInterrupted: onAnalysisInterrupted };
