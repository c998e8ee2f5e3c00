import "server-only";
import path from "node:path";
import { config } from "@/lib/config";
import { imagesForTask } from "@/lib/images/images";
import { tagsForTask } from "@/lib/tags/tags";
import { getTask, listTasks } from "@/lib/tasks/tasks";

/**
 * The first turn of an attempt's coding agent: everything the task says
 * (title, description, spec, subtasks in order, its tags' prompt snippets,
 * its images as file paths the agent can open), then the person's message.
 * Follow-ups are sent as they are: the agent has this context already.
 */
export async function composeFirstPrompt(userId: string, taskId: string, message: string): Promise<string> {
  const [task, subtasks, tags, images] = await Promise.all([
    getTask(userId, taskId),
    listTasks(userId, { parentTaskId: taskId, limit: 200 }),
    tagsForTask(userId, taskId),
    imagesForTask(userId, taskId),
  ]);
  const parts: string[] = [`# Task: ${task.title}`];
  if (task.description.trim()) parts.push(task.description.trim());
  if (task.spec?.trim()) parts.push(`## Spec\n${task.spec.trim()}`);
  const ordered = [...subtasks.data].sort((a, b) => a.position - b.position);
  if (ordered.length) {
    parts.push(`## Subtasks\n${ordered.map((s, i) => `${i + 1}. [${s.status === "done" ? "x" : " "}] ${s.title}${s.description ? ` - ${s.description}` : ""}`).join("\n")}`);
  }
  for (const tag of tags) parts.push(`## ${tag.name}\n${tag.content}`);
  if (images.length) parts.push(`## Images\n${images.map((i) => `- ${path.isAbsolute(i.filePath) ? i.filePath : path.join(config().uploadsDir, i.filePath)} (${i.originalName})`).join("\n")}`);
  parts.push(`## Instructions\n${message}`);
  return parts.join("\n\n");
}
