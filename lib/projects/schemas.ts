import { z } from "zod";
import { idSchema } from "@/lib/validation";

/*
 * Project schemas shared by the API, server actions, forms and the OpenAPI
 * description. No "server-only" here: client forms import them too. Messages
 * are i18n keys (lib/i18n/messages/workspace.ts); forms translate them.
 */

/** "" (an empty form field) counts as "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const projectName = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, { message: "errors.required" })
  .max(100, { message: "errors.tooLong" });

export const projectPath = z
  .string()
  .trim()
  .max(4096, { message: "errors.tooLong" })
  .refine((p) => p.startsWith("/"), { message: "project.error.pathNotAbsolute" });

// https://, ssh://, git://, file:// URLs, or scp-like git@host:owner/repo.git.
const REPO_URL = /^(?:(?:https?|ssh|git|file):\/\/\S+|[\w.-]+@[\w.-]+:\S+)$/;
export const repoUrl = z
  .string()
  .trim()
  .max(2000, { message: "errors.tooLong" })
  .regex(REPO_URL, { message: "project.error.repoUrl" });

export const setupScript = z.string().max(20_000, { message: "errors.tooLong" });

export const projectConfigSchema = z.object({
  setupScript: setupScript.optional().describe("Shell commands run in the project folder before an agent starts"),
});

/** POST /api/v1/projects: no path → a new empty git workspace under DATA_DIR. */
export const projectCreateSchema = z.object({
  name: projectName,
  path: z
    .preprocess(blankToUndefined, projectPath.optional())
    .describe("An existing folder under PROJECT_ROOTS; leave out for a new empty workspace"),
  repoUrl: z.preprocess(blankToUndefined, repoUrl.optional()).describe("Stored for reference; nothing is cloned"),
  config: projectConfigSchema.optional(),
});

/** PATCH /api/v1/projects/:id: every field optional; null clears repoUrl. The folder cannot change. */
export const projectUpdateSchema = z.object({
  name: projectName.optional(),
  repoUrl: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), repoUrl.nullable().optional()),
  config: z
    .object({ setupScript: setupScript.nullable().optional() })
    .optional()
    .describe("Merged into the stored config; setupScript null or \"\" removes it"),
  path: z.never({ message: "project.error.pathImmutable" }).optional(),
});

/** The create form: plain strings from FormData. */
export const projectCreateFormSchema = z.object({
  name: projectName,
  path: z.preprocess(blankToUndefined, projectPath.optional()),
  repoUrl: z.preprocess(blankToUndefined, repoUrl.optional()),
  setupScript: z.preprocess(blankToUndefined, setupScript.optional()),
});

/** The edit form. */
export const projectUpdateFormSchema = z.object({
  id: idSchema,
  name: projectName,
  repoUrl: z.preprocess(blankToUndefined, repoUrl.optional()),
  setupScript: z.string().max(20_000, { message: "errors.tooLong" }).optional().default(""),
});

export const projectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    path: z
      .string()
      .describe("The project's folder: absolute for admins; for everyone else relative to the PROJECT_ROOTS folder it is in (`.` for a workspace the app created)."),
    repoUrl: z.string().nullable(),
    isWorkspace: z.boolean().describe("True when the app created the folder (and deletes it with the project)"),
    config: z.object({ setupScript: z.string().optional() }).catchall(z.unknown()),
    detachedFrom: z
      .string()
      .nullable()
      .describe("Set on a project imported from another tool whose folder this server may not use: the folder it had there. It keeps its history but runs nothing until pointed at a folder (on its page)."),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Project", description: "A folder on the server that agents work in." });

export type ProjectCreateInput = z.infer<typeof projectCreateSchema>;
export type ProjectUpdateInput = z.infer<typeof projectUpdateSchema>;
export type ProjectView = z.infer<typeof projectSchema>;

/** "Point at a folder": a detached project gets a folder under PROJECT_ROOTS. */
export const projectAttachFormSchema = z.object({ id: idSchema, path: projectPath });
