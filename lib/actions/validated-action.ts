import "server-only";
import { notFound } from "next/navigation";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getCurrentUser, type SessionUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { localizeError } from "@/lib/i18n/localized-error";
import { fieldErrors, nulByteFields } from "@/lib/validation";

/** What every form action returns; forms show `error` on top and `fields` beside inputs. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fields?: Record<string, string>;
  /** One-off data for the page, e.g. a token value shown once. */
  data?: Record<string, string>;
  /** What was submitted (never passwords), so a form that failed keeps its input. */
  values?: Record<string, string>;
};

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$") && !/password|secret|token/i.test(key)) values[key] = value;
  }
  return values;
}

type Access = "public" | "user" | "admin";
type Ctx<A extends Access> = A extends "public" ? { user: SessionUser | null } : { user: SessionUser };

/**
 * The one way to write a server action: the form data is validated with the
 * zod schema, the caller's session is checked (admins re-checked here, not
 * only in the page), and any failure becomes a clear, translated message
 * instead of a crash. Actions return ActionState for `useActionState`.
 */
export function validatedAction<S extends z.ZodType, A extends Access = "user", R extends ActionState = ActionState>(
  schema: S,
  // R: what the handler answers; fields beyond ActionState's (a board column's next page) reach the caller, typed.
  handler: (data: z.infer<S>, ctx: Ctx<A>) => Promise<R | void>,
  options: { access?: A } = {},
) {
  const access = options.access ?? "user";
  const action = async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const t = await getT();
    const user = await getCurrentUser();
    if (access !== "public" && !user) return { error: t("errors.signedOut") };
    if (access === "admin" && user?.role !== "admin") notFound();

    const input = Object.fromEntries(formData);
    const parsed = schema.safeParse(input);
    const problems = nulByteFields(input) ?? (parsed.success ? null : fieldErrors(parsed.error));
    if (problems || !parsed.success) {
      const fields = Object.fromEntries(Object.entries(problems ?? {}).map(([k, v]) => [k, t(v)]));
      return { error: t("errors.checkFields"), fields, values: echoValues(formData) };
    }
    try {
      const result: ActionState = (await handler(parsed.data, { user } as Ctx<A>)) ?? { ok: true };
      return result.error ? { values: echoValues(formData), ...result } : result;
    } catch (thrown) {
      unstable_rethrow(thrown); // redirect() and notFound() are control flow, not failures
      const error = localizeError(thrown, t);
      // Text, already in the user's language: an AppError's message is plain text, a LocalizedError's was rendered above.
      if (error instanceof AppError) return { error: error.message, fields: error.fields, values: echoValues(formData) };
      console.error("server action failed", error);
      return { error: t("errors.unexpected"), values: echoValues(formData) };
    }
  };
  // A success answers the handler's R; a failure carries none of R's own fields, hence Partial.
  return action as (prev: ActionState, formData: FormData) => Promise<ActionState & Partial<Omit<R, keyof ActionState>>>;
}
