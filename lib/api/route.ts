import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError, type ErrorCode, ERROR_STATUS } from "@/lib/errors";
import type { Credential } from "@/lib/auth/credential";
import { callerForApiToken } from "@/lib/tokens/tokens";
import { fieldErrors } from "@/lib/validation";
import { english } from "@/lib/i18n/localized-error";
import type { PublicUser } from "@/lib/users/columns";

export type Access = "public" | "user" | "admin";

export function apiError(code: ErrorCode, message: string, fields?: Record<string, string>) {
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status: ERROR_STATUS[code] });
}

type Caller = { user: PublicUser; credential: Credential };

/** The caller: a bearer token (scripts) or the browser session cookie, and which one it was. */
async function authenticate(request: Request): Promise<Caller | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new AppError("unauthorized", "The Authorization header must be 'Bearer <token>'.");
    const found = await callerForApiToken(match[1]!);
    if (!found) throw new AppError("unauthorized", "That API token is not valid. Create one at /settings/tokens.");
    return { user: found.user, credential: { kind: "token", tokenId: found.tokenId } };
  }
  const user = await getCurrentUser();
  return user ? { user, credential: { kind: "session", sessionId: user.sessionId } } : null;
}

/** What a route validates with; kept on the handler so a test can compare it with the OpenAPI registry. */
export type ApiSpec<Q extends z.ZodType | undefined, B extends z.ZodType | undefined, A extends Access> = {
  access?: A;
  query?: Q;
  body?: B;
};

type Handler<Q, B, A extends Access> = (ctx: {
  request: Request;
  user: A extends "public" ? PublicUser | null : PublicUser;
  /** How the caller authenticated; a response that outlives the request re-checks it (lib/auth/credential.ts). */
  credential: A extends "public" ? Credential | null : Credential;
  query: Q extends z.ZodType ? z.infer<Q> : undefined;
  body: B extends z.ZodType ? z.infer<B> : undefined;
  params: Record<string, string>;
}) => Promise<Response | unknown>;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The one way to write a /api/v1 route handler: authenticate, validate query
 * and JSON body with zod, and turn every failure into the error shape of
 * API.md with a 4xx status. A returned value is sent as JSON; parse it through
 * its response schema (lib/api/schemas.ts) so nothing extra leaks.
 */
export function apiRoute<
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends Access = "user",
>(spec: ApiSpec<Q, B, A>, handler: Handler<Q, B, A>) {
  const route = async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const access = spec.access ?? "user";
      // A public route does not need to know the caller, so a bad token does not refuse it.
      const caller = access === "public" ? await authenticate(request).catch(() => null) : await authenticate(request);
      const user = caller?.user ?? null;
      if (access !== "public" && !user) throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <token>'.");
      // Admin routes answer 404 to everyone else, like admin pages.
      if (access === "admin" && user?.role !== "admin") throw new AppError("not_found", "Not found.");

      const url = new URL(request.url);
      let query: unknown = undefined;
      if (spec.query) query = parseOrThrow(spec.query, Object.fromEntries(url.searchParams));

      let body: unknown = undefined;
      if (spec.body) body = parseOrThrow(spec.body, await readJson(request));

      const params = Object.fromEntries(
        Object.entries((await context?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]),
      );
      const result = await handler({ request, user, credential: caller?.credential ?? null, query, body, params } as Parameters<Handler<Q, B, A>>[0]);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? null);
    } catch (error) {
      return errorResponseFor(error);
    }
  };
  return Object.assign(route, { apiSpec: { access: spec.access ?? "user", query: spec.query, body: spec.body } });
}

async function readJson(request: Request): Promise<unknown> {
  try {
    // No body at all is an empty object, so `curl -X POST …/merge` works for
    // actions whose fields are all optional; required fields still get a 400.
    const text = await request.text();
    return text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("validation", "The request body must be valid JSON.", { _: "Send a JSON body with 'Content-Type: application/json'." });
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // Schemas carry i18n keys as messages (shared with forms); API callers read English.
    const fields = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [k, english(v)]));
    throw new AppError("validation", "Some fields are not valid.", fields);
  }
  return parsed.data;
}

/** A unique index refusing a write is a conflict the caller can fix, not a server error. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  }
  return false;
}

function errorResponseFor(error: unknown): Response {
  if (error instanceof AppError) return apiError(error.code, error.message, error.fields);
  if (isUniqueViolation(error)) return apiError("conflict", "That already exists.");
  // Never expected: every foreseeable failure is an AppError. Log it, say little.
  console.error("API route failed", error);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
