import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { keyset } from "@/db/keyset";
import { links, projects } from "@/db/schema";
import { JOB_TYPES } from "@/lib/domain";
import { newId } from "@/lib/domain/ids";
import { AppError, notFoundError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { getAgent } from "@/lib/agents/agents";
import { workspacesDir } from "@/lib/projects/projects";
import { buildJobInsert } from "@/lib/queue/queue";
import { notifyJobsAvailable } from "@/lib/queue/notify";
import { cancelRun } from "@/lib/runs/lifecycle";
import { PageFetchError, parsePageUrl } from "./fetch-page";
import type { LinkDetail, LinkListQuery, LinkView } from "./schemas";

/*
 * A user's saved links. Saving one (or many) inserts it `pending` with its `analyze_link`
 * job in one batch; the job (lib/links/analyze-job.ts) fetches the page and has an agent
 * read it. Every query is scoped to its owner: another user's link is not_found.
 */

const viewColumns = {
  id: links.id,
  url: links.url,
  finalUrl: links.finalUrl,
  domain: links.domain,
  status: links.status,
  title: links.title,
  mainTopic: links.mainTopic,
  reasonsToCare: links.reasonsToCare,
  error: links.error,
  agentId: links.agentId,
  runId: links.runId,
  fetchedAt: links.fetchedAt,
  createdAt: links.createdAt,
};

/** The host a link is filed under: lower case, without a leading "www.". */
export function domainOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, "");
}

function checkedUrl(raw: string, field: string): URL {
  try {
    return parsePageUrl(raw);
  } catch (error) {
    if (!(error instanceof PageFetchError)) throw error;
    const text = { key: "links.error.invalidUrl", vars: { url: raw.slice(0, 200), reason: error.message } };
    throw new LocalizedError("validation", text, { [field]: text });
  }
}

function analyzeJob(userId: string, linkId: string) {
  // One try: an interrupted analysis fails with its reason rather than running twice.
  return buildJobInsert({ type: JOB_TYPES.analyzeLink, userId, payload: { linkId }, maxAttempts: 1 });
}

/**
 * Saves `urls` for `userId` (each checked: http or https, no credentials; a bad one refuses
 * the whole batch, naming it) and queues their analysis with `agentId`, or the user's default
 * agent when the job runs. Returns the new links in the order given.
 */
export async function saveLinks(userId: string, urls: string[], { agentId, field = "url" }: { agentId?: string; field?: string } = {}): Promise<LinkView[]> {
  const parsed = [...new Set(urls.map((u) => u.trim()).filter(Boolean))].map((raw) => checkedUrl(raw, field));
  if (parsed.length === 0) {
    const text = { key: "errors.required" };
    throw new LocalizedError("validation", text, { [field]: text });
  }
  if (agentId) await getAgent(userId, agentId); // another user's agent: 404
  const rows = parsed.map((url) => ({ id: newId(), userId, url: url.toString(), domain: domainOf(url), status: "pending" as const, agentId: agentId ?? null }));
  await db().batch([db().insert(links).values(rows), ...rows.map((row) => analyzeJob(userId, row.id))]);
  notifyJobsAvailable();
  return listByIds(userId, rows.map((r) => r.id));
}

async function listByIds(userId: string, ids: string[]): Promise<LinkView[]> {
  const found = await db().select(viewColumns).from(links).where(and(eq(links.userId, userId), inArray(links.id, ids)));
  const byId = new Map(found.map((l) => [l.id, l]));
  return ids.map((id) => byId.get(id)).filter((l): l is LinkView => !!l);
}

/** The user's links, newest first, filtered by status, domain and text; keyset pages on the time-ordered id. */
export async function listLinks(userId: string, query: LinkListQuery) {
  const page = keyset(links.id, query);
  const q = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db()
    .select(viewColumns)
    .from(links)
    .where(
      and(
        eq(links.userId, userId),
        query.status ? eq(links.status, query.status) : undefined,
        query.domain ? eq(links.domain, query.domain.replace(/^www\./, "")) : undefined,
        q ? or(sql`${links.url} LIKE ${q} ESCAPE '\\'`, sql`${links.title} LIKE ${q} ESCAPE '\\'`, sql`${links.mainTopic} LIKE ${q} ESCAPE '\\'`) : undefined,
        page.where,
      ),
    )
    .orderBy(page.orderBy)
    .limit(page.fetch);
  return page.of(rows);
}

/** The domains of the user's links, for the filter (at most 200, by name). */
export async function linkDomains(userId: string): Promise<string[]> {
  const rows = await db().selectDistinct({ domain: links.domain }).from(links).where(eq(links.userId, userId)).orderBy(asc(links.domain)).limit(200);
  return rows.map((r) => r.domain);
}

/** One of the user's links with the page's text; anyone else's is not_found. */
export async function getLink(userId: string, id: string): Promise<LinkDetail> {
  const [row] = await db()
    .select({ ...viewColumns, text: links.text })
    .from(links)
    .where(and(eq(links.id, id), eq(links.userId, userId)))
    .limit(1);
  if (!row) throw notFoundError("link");
  return row;
}

/** Deletes one of the user's links; an analysis under way is cancelled (its run stays in /runs). */
export async function deleteLink(userId: string, id: string): Promise<void> {
  const link = await getLink(userId, id);
  await db().delete(links).where(and(eq(links.id, id), eq(links.userId, userId)));
  if (link.runId && link.status === "analyzing") await cancelRun(userId, link.runId).catch(() => {});
}

/**
 * Fetches and analyses the link again (the page may have changed), with `agentId` when given
 * (kept as the link's agent from now on). Refused with a 409 while an analysis is under way.
 */
export async function reanalyzeLink(userId: string, id: string, agentId?: string): Promise<LinkView> {
  const link = await getLink(userId, id);
  if (agentId) await getAgent(userId, agentId);
  if (link.status !== "done" && link.status !== "failed") throw new LocalizedError("conflict", { key: "links.error.busy" });
  // Conditional, so two clicks queue one analysis.
  const claimed = await db()
    .update(links)
    .set({ status: "pending", error: null, ...(agentId ? { agentId } : {}) })
    .where(and(eq(links.id, id), eq(links.userId, userId), inArray(links.status, ["done", "failed"])))
    .returning({ id: links.id });
  if (claimed.length === 0) throw new LocalizedError("conflict", { key: "links.error.busy" });
  await analyzeJob(userId, id);
  notifyJobsAvailable();
  return (await listByIds(userId, [id]))[0]!;
}

/**
 * The folder the user's link analyses run in (a project of kind `links`: not listed, not
 * counted against the plan), made on first use: an empty folder under DATA_DIR/workspaces,
 * where the agent gets nothing but the prompt, and may not write.
 */
export async function linksProject(userId: string): Promise<{ id: string; path: string }> {
  const find = () =>
    db()
      .select({ id: projects.id, path: projects.path })
      .from(projects)
      .where(and(eq(projects.userId, userId), eq(projects.kind, "links")))
      .orderBy(asc(projects.id))
      .limit(1);
  let [project] = await find();
  if (!project) {
    const id = newId();
    await db().insert(projects).values({ id, userId, name: "Links", path: path.join(workspacesDir(), id), isWorkspace: true, kind: "links" });
    [project] = await find(); // two first analyses at once: both use the oldest
  }
  if (!project) throw new AppError("conflict", "Please try again.");
  await fs.mkdir(project.path, { recursive: true });
  return project;
}
