import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { images } from "@/db/schema";
import { config } from "@/lib/config";
import { attachImage } from "@/lib/images/images";
import { createProject } from "@/lib/projects/projects";
import { createUser } from "@/lib/users/users";
import { taskCreateSchema } from "./schemas";
import { createTask, deleteTask, getTask, purgeTask } from "./tasks";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe("deleteTask", () => {
  it("keeps everything while the task is in the trash; purging it removes the images of subtasks at every level, rows and files", async () => {
    const user = (await createUser({ email: "nested-delete@example.com", name: "n" }))!;
    const projectId = (await createProject(user.id, { name: "Nested" })).id;
    const make = (title: string, parentTaskId?: string) => createTask(user.id, taskCreateSchema.parse({ projectId, title, parentTaskId }));
    const top = await make("Top");
    const child = await make("Child", top.id);
    const grandchild = await make("Grandchild", child.id);
    const image = await attachImage(user.id, grandchild.id, { name: "g.png", bytes: PNG });
    expect(fs.existsSync(image.filePath)).toBe(true);

    await deleteTask(user.id, top.id);
    expect(fs.existsSync(image.filePath)).toBe(true);
    await expect(getTask(user.id, grandchild.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await purgeTask(user.id, top.id)).toBe(true);
    expect(fs.existsSync(image.filePath)).toBe(false);
    expect(await db().select().from(images).where(eq(images.id, image.id))).toEqual([]);
    expect(image.filePath.startsWith(path.join(config().uploadsDir, user.id))).toBe(true);
  });
});
