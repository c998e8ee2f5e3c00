import "server-only";
import { findProjectForFolder, importedProjectRow } from "@/lib/projects/detached";
import type { ImportWriter } from "./writer";

/**
 * The project each folder of the other tool lands in, once per folder: the user's project for
 * that folder if there is one (an earlier import's, or one they added), else a new one,
 * attached to the folder when this server may use it and detached otherwise (lib/projects/detached.ts),
 * if the plan has room. Null when it did not fit (the report says so).
 */
export class ProjectsByFolder {
  private readonly byFolder = new Map<string, string | null>();

  constructor(private readonly writer: ImportWriter) {}

  async forFolder(folder: string, input: { name?: string; setupScript?: string | null; sourceKey?: string } = {}): Promise<string | null> {
    const key = folder.trim();
    if (this.byFolder.has(key)) return this.byFolder.get(key)!;
    let id: string | null = null;
    if (input.sourceKey) id = (await this.writer.known("projects")).get(input.sourceKey) ?? null;
    id ??= key ? await findProjectForFolder(this.writer.userId, key) : null;
    if (!id && (await this.writer.takeRoom("projects", "projects", input.name || key))) {
      const row = await importedProjectRow(this.writer.userId, { name: input.name ?? "", folder: key || "(no folder)", setupScript: input.setupScript });
      this.writer.projects.push(row);
      await this.writer.record("projects", input.sourceKey ?? `folder:${key}`, row.id!);
      this.writer.report.imported("projects");
      id = row.id!;
    }
    this.byFolder.set(key, id);
    return id;
  }
}
