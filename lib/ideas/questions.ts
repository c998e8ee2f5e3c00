import "server-only";
import { and, eq, notInArray, sql } from "drizzle-orm";
import { projectNotTrashed } from "@/lib/trash/visible";
import { db } from "@/db/client";
import { ideas, questions } from "@/db/schema";
import { AppError, notFoundError } from "@/lib/errors";
import { nowIso } from "@/lib/domain/ids";
import { FINISHED_IDEA_STATUSES, questionColumns } from "./ideas";
import type { QuestionView } from "./schemas";

/** A question is the user's when its idea is; another user's question is not_found. */
async function getOwnedQuestion(userId: string, id: string) {
  const [row] = await db()
    .select({ ...questionColumns, ideaStatus: ideas.status })
    .from(questions)
    .innerJoin(ideas, eq(ideas.id, questions.ideaId))
    .where(and(eq(questions.id, id), eq(ideas.userId, userId), projectNotTrashed(ideas.projectId)))
    .limit(1);
  if (!row) throw notFoundError("question");
  return row;
}

async function getQuestion(userId: string, id: string): Promise<QuestionView> {
  const { ideaStatus: _status, ...question } = await getOwnedQuestion(userId, id);
  return question;
}

/** The idea must still be open; checked again inside the UPDATE so a concurrent approve wins cleanly. */
const ideaStillOpen = (ideaId: string) =>
  sql`EXISTS (SELECT 1 FROM ${ideas} WHERE ${ideas.id} = ${ideaId} AND ${ideas.status} NOT IN ('converted', 'rejected'))`;

async function setQuestion(userId: string, id: string, values: { answer: string | null; status: "answered" | "skipped" }) {
  const owned = await getOwnedQuestion(userId, id);
  const closed = () => new AppError("conflict", `The idea is ${owned.ideaStatus}; its questions can no longer be answered or skipped.`);
  if (FINISHED_IDEA_STATUSES.includes(owned.ideaStatus)) throw closed();
  const updated = await db()
    .update(questions)
    .set({ ...values, answeredAt: nowIso() })
    .where(and(eq(questions.id, id), ideaStillOpen(owned.ideaId)))
    .returning({ id: questions.id });
  if (updated.length === 0) throw closed();
  await db()
    .update(ideas)
    .set({ updatedAt: nowIso() })
    .where(and(eq(ideas.id, owned.ideaId), notInArray(ideas.status, [...FINISHED_IDEA_STATUSES])));
  return getQuestion(userId, id);
}

/** Answers a question (answering again replaces the answer; a skipped question can be answered later). */
export async function answerQuestion(userId: string, id: string, answer: string): Promise<QuestionView> {
  return setQuestion(userId, id, { answer, status: "answered" });
}

/** Skips a question: the person has no answer; approving does not need one. */
export async function skipQuestion(userId: string, id: string): Promise<QuestionView> {
  return setQuestion(userId, id, { answer: null, status: "skipped" });
}
