import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { link, muted } from "@/components/ui/table";
import { liveRun } from "@/components/runs/live-run";
import { RunView } from "@/components/runs/run-view";
import { DecisionButtons } from "@/components/ideas/decision-buttons";
import { IdeaStatusBadge } from "@/components/ideas/idea-status-badge";
import { QuestionItem } from "@/components/ideas/question-item";
import { RefineForm } from "@/components/ideas/refine-form";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { listAgents } from "@/lib/agents/agents";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { getIdeaDetail } from "@/lib/ideas/ideas";
import { getRunForUser } from "@/lib/runs/runs";
import { listTasks } from "@/lib/tasks/tasks";
import { cancelRunAction } from "../../runs/actions";
import { answerQuestionAction, approveIdeaAction, refineIdeaAction, rejectIdeaAction, skipQuestionAction } from "../actions";

export const dynamic = "force-dynamic";

async function loadIdea(id: string) {
  const user = await requireUser();
  try {
    return { user, idea: await getIdeaDetail(user.id, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { idea } = await loadIdea((await params).id);
  return { title: `${(await getT())("ideas.title")} · ${idea.title.slice(0, 60)}` };
}

/** One idea: refine it with an agent, answer or skip its questions, approve it into tasks or reject it. */
export default async function IdeaPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, idea } = await loadIdea((await params).id);
  const t = await getT();
  const refining = idea.status === "refining";
  const open = idea.status === "pending" || idea.status === "questions";
  const finished = idea.status === "converted" || idea.status === "rejected";
  const [agents, run, tasks] = await Promise.all([
    open ? listAgents(user.id, { limit: 100 }) : null,
    idea.refinementRunId ? getRunForUser(user.id, idea.refinementRunId).catch(() => null) : null,
    idea.status === "converted" ? listTasks(user.id, { ideaId: idea.id, limit: 100 }) : null,
  ]);
  // Refinement agents first, then the rest, each group by name.
  const agentOptions = (agents?.data ?? [])
    .toSorted((a, b) => Number(b.type === "refinement") - Number(a.type === "refinement") || a.name.localeCompare(b.name))
    .map((a) => ({ id: a.id, name: a.type === "refinement" ? a.name : `${a.name} (${a.type})` }));
  const refinementEnded = idea.refinement && !refining && (idea.refinement.status === "failed" || idea.refinement.status === "cancelled");

  return (
    <>
      <RefreshWhile active={refining} />
      <p className="mb-2 text-sm">
        <Link href="/ideas" className={link}>
          ← {t("idea.detail.back")}
        </Link>
      </p>
      <PageHeader
        title={idea.title}
        description={t("idea.detail.meta", {
          project: idea.projectName,
          source: t(`idea.source.${idea.source}`),
          priority: t(`idea.priority.${Math.min(3, Math.max(0, idea.priority))}`),
        })}
        actions={<IdeaStatusBadge status={idea.status} label={t(`idea.status.${idea.status}`)} />}
      />
      <div className="space-y-6">
        <Card>
          <p className="text-sm whitespace-pre-wrap">{idea.description || <span className={muted}>{t("idea.detail.noDescription")}</span>}</p>
        </Card>

        <Card aria-labelledby="refinement-heading" className="space-y-4">
          <h2 id="refinement-heading" className="text-base font-semibold">
            {t("idea.refine.heading")}
          </h2>
          {refining && <p className="text-sm">{t("idea.refine.running")}</p>}
          {refinementEnded && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {t("idea.refine.failed", { status: t(`run.status.${idea.refinement!.status}`) })}
            </p>
          )}
          {idea.status === "questions" && idea.questions.length === 0 && <p className="text-sm">{t("idea.refine.noQuestions")}</p>}
          {idea.refinement && idea.refinement.problems.length > 0 && (
            <div className="text-sm text-amber-800 dark:text-amber-300">
              <p>{t("idea.refine.problems")}</p>
              <ul className="list-disc pl-5">
                {idea.refinement.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {open && idea.refinement && idea.refinement.proposedTasks.length > 0 && (
            <div className="text-sm">
              <p>{t("idea.refine.proposed")}</p>
              <ul className="list-disc pl-5">
                {idea.refinement.proposedTasks.map((task, i) => (
                  <li key={i}>
                    <span className="font-medium">{task.title}</span> <span className={muted}>({task.type})</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {open &&
            (agentOptions.length === 0 ? (
              <Link href="/agents" className={`${link} text-sm`}>
                {t("idea.refine.needAgent")}
              </Link>
            ) : (
              <RefineForm action={refineIdeaAction} ideaId={idea.id} agents={agentOptions} again={Boolean(idea.refinementRunId)} />
            ))}
          {run && (
            <div className="space-y-2">
              <Link href={`/runs/${run.id}`} className={`${link} text-sm`}>
                {t("idea.refine.openRun")}
              </Link>
              <RunView
                key={run.id}
                logHeight="compact"
                cancelAction={refining ? cancelRunAction : undefined}
                run={liveRun(run)}
              />
            </div>
          )}
        </Card>

        <Card aria-labelledby="questions-heading" className="space-y-3">
          <h2 id="questions-heading" className="text-base font-semibold">
            {t("idea.questions.heading")}
          </h2>
          {idea.questions.length === 0 ? (
            <p className={`${muted} text-sm`}>{t("idea.questions.none")}</p>
          ) : (
            idea.questions.map((q) => (
              <QuestionItem key={q.id} question={q} ideaId={idea.id} answerAction={answerQuestionAction} skipAction={skipQuestionAction} readOnly={finished} />
            ))
          )}
        </Card>

        <Card aria-labelledby="decision-heading" className="space-y-3">
          <h2 id="decision-heading" className="text-base font-semibold">
            {idea.status === "converted" ? t("idea.tasks.heading") : t("idea.decide.heading")}
          </h2>
          {open && <DecisionButtons ideaId={idea.id} approveAction={approveIdeaAction} rejectAction={rejectIdeaAction} />}
          {refining && <p className={`${muted} text-sm`}>{t("idea.decide.refiningHint")}</p>}
          {idea.status === "rejected" && <p className="text-sm">{t("idea.rejected")}</p>}
          {tasks &&
            (tasks.data.length === 0 ? (
              <p className={`${muted} text-sm`}>{t("idea.tasks.none")}</p>
            ) : (
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {tasks.data.map((task) => (
                  <li key={task.id}>
                    <Link href={`/board?task=${task.id}`} className={link}>
                      {task.title}
                    </Link>
                  </li>
                ))}
              </ul>
            ))}
        </Card>
      </div>
    </>
  );
}
