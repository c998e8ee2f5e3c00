import { TASK_TYPES } from "@/lib/domain";
import { lastFencedBlock } from "@/lib/format/fenced-block";

export { lastFencedBlock };

/*
 * The structured blocks a refinement agent ends its answer with (docs/ideas.md):
 *
 *   ```switchboard-questions
 *   ["What should happen when ...?", "Which ...?"]
 *   ```
 *   ```switchboard-tasks
 *   [{"title": "...", "description": "...", "type": "feature"}]
 *   ```
 *
 * Agents echo instructions and think aloud, so the parser is tolerant: the
 * LAST block of each kind wins, strings or objects with a "question" key are
 * accepted, and anything it cannot read becomes a `problems` line shown on the
 * idea, never an exception.
 */

export const MAX_QUESTIONS = 20;
export const MAX_QUESTION_LENGTH = 2_000;
export const MAX_PROPOSED_TASKS = 20;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 20_000;

export type ProposedTask = { title: string; description: string; type: (typeof TASK_TYPES)[number] };
export type RefinementOutput = {
  /** Null when the output had no questions block at all. */
  questions: string[] | null;
  /** Null when the output had no tasks block. */
  tasks: ProposedTask[] | null;
  /** What could not be read, in words a person understands. */
  problems: string[];
};

function parseJsonArray(body: string, what: string, problems: string[]): unknown[] | null {
  let value: unknown;
  try {
    value = JSON.parse(body.trim());
  } catch {
    problems.push(`The ${what} block is not valid JSON; it was ignored.`);
    return null;
  }
  if (!Array.isArray(value)) {
    problems.push(`The ${what} block must be a JSON array; it was ignored.`);
    return null;
  }
  return value;
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + "…" : s);

function readQuestions(body: string, problems: string[]): string[] | null {
  const items = parseJsonArray(body, "switchboard-questions", problems);
  if (!items) return null;
  const questions: string[] = [];
  let unreadable = 0;
  for (const item of items) {
    const raw = typeof item === "string" ? item : item && typeof item === "object" ? (item as { question?: unknown }).question : undefined;
    if (typeof raw !== "string" || raw.trim() === "") {
      unreadable++;
      continue;
    }
    const text = clip(raw.trim(), MAX_QUESTION_LENGTH);
    if (!questions.includes(text)) questions.push(text);
  }
  if (unreadable > 0) problems.push(`${unreadable} item(s) of the questions block were not questions (text or {"question": "..."}) and were skipped.`);
  if (questions.length > MAX_QUESTIONS) {
    problems.push(`The agent asked ${questions.length} questions; only the first ${MAX_QUESTIONS} were kept.`);
    return questions.slice(0, MAX_QUESTIONS);
  }
  return questions;
}

function readTasks(body: string, problems: string[]): ProposedTask[] | null {
  const items = parseJsonArray(body, "switchboard-tasks", problems);
  if (!items) return null;
  const tasks: ProposedTask[] = [];
  let unreadable = 0;
  for (const item of items) {
    const o = item && typeof item === "object" ? (item as Record<string, unknown>) : null;
    const title = typeof o?.title === "string" ? o.title.trim() : "";
    if (!o || !title) {
      unreadable++;
      continue;
    }
    const type = TASK_TYPES.find((t) => t === o.type) ?? "feature";
    const description = typeof o.description === "string" ? o.description.trim() : "";
    tasks.push({ title: clip(title, MAX_TITLE), description: clip(description, MAX_DESCRIPTION), type });
  }
  if (unreadable > 0) problems.push(`${unreadable} item(s) of the tasks block had no title and were skipped.`);
  if (tasks.length > MAX_PROPOSED_TASKS) {
    problems.push(`The agent proposed ${tasks.length} tasks; only the first ${MAX_PROPOSED_TASKS} were kept.`);
    return tasks.slice(0, MAX_PROPOSED_TASKS);
  }
  return tasks;
}

/** Reads the agent's questions and proposed tasks from its whole output. Never throws. */
export function parseRefinementOutput(text: string): RefinementOutput {
  const problems: string[] = [];
  const questionsBody = lastFencedBlock(text, "switchboard-questions");
  const tasksBody = lastFencedBlock(text, "switchboard-tasks");
  return {
    questions: questionsBody === null ? null : readQuestions(questionsBody, problems),
    tasks: tasksBody === null ? null : readTasks(tasksBody, problems),
    problems,
  };
}
