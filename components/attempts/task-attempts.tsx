/**
 * The attempts section of a task's side panel on /board: the task's attempts,
 * starting a new one, live logs, diff, follow-ups, merge/rebase/discard.
 * Placeholder until the attempts UI lands (owned by the attempts work).
 */
export async function TaskAttempts(_props: { userId: string; taskId: string; projectId: string }) {
  return null;
}
