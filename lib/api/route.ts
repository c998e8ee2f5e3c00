import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/db/errors";
import { apiError } from "./error-response";
import type { Credential } from "@/lib/auth/credential";
import { callerForApiToken } from "@/lib/tokens/tokens";
import { fieldErrors, nulByteFields } from "@/lib/validation";
import { MAX_JSON_BODY_BYTES, readBodyText } from "@/lib/http/body";
import { isSameOrigin, isWriteMethod } from "@/lib/http/origin";
import { hasSessionCookie } from "@/lib/auth/session-cookie";
import { english } from "@/lib/i18n/localized-error";
import type { PublicUser } from "@/lib/users/columns";

export type Access = "public" | "user" | "admin";

export { apiError };

type Caller = { user: PublicUser; credential: Credential };

/**
 * The caller, and how it authenticated: a bearer token (scripts) or the browser session cookie. A
 * cookie rides along on any request the browser makes, including one a page
 * on another site starts (`fetch(…, { credentials: "include" })`, a form), so
 * a cookie-authenticated write must come from one of our own pages
 * (`isSameOrigin`) and, when it carries a JSON body, say so: no other site
 * can send `Content-Type: application/json` cross-origin without the
 * browser asking us first (CORS preflight, which we never grant). A bearer
 * token is never sent by a browser on its own, so it needs neither.
 */
async function authenticate(request: Request, readsJson: boolean): Promise<Caller | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new AppError("unauthorized", "The Authorization header must be 'Bearer <token>'.");
    const found = await callerForApiToken(match[1]!);
    if (!found) throw new AppError("unauthorized", "That API token is not valid. Create one at /settings/tokens.");
    return { user: found.user, credential: { kind: "token", tokenId: found.tokenId } };
  }
  // Only a request carrying the session cookie can act as someone; without one it is a plain 401 below.
  if (isWriteMethod(request.method) && hasSessionCookie(request.headers)) {
    if (!isSameOrigin(request.headers, request.url)) {
      throw new AppError("forbidden", "This request came from another site. Use Switchboard's own pages, or send 'Authorization: Bearer <token>'.");
    }
    if (readsJson && !isJsonContentType(request.headers.get("content-type"))) {
      throw new AppError("validation", "Send the body with 'Content-Type: application/json'.", { _: "Send a JSON body with 'Content-Type: application/json'." });
    }
  }
  const user = await getCurrentUser();
  return user ? { user, credential: { kind: "session", sessionId: user.sessionId } } : null;
}

function isJsonContentType(value: string | null): boolean {
  return (value ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
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
 * and JSON body with zod, and turn every failure into the API's error shape
 * (`{ error: { code, message, fields? } }`) with a 4xx status. A returned value is sent as JSON; parse it through
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
      const readsJson = spec.body !== undefined;
      // A public route does not need to know the caller, so a bad token does not refuse it.
      const caller = access === "public" ? await authenticate(request, readsJson).catch(() => null) : await authenticate(request, readsJson);
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
  // Over the limit is refused as soon as it is known (Content-Length, or the
  // stream passing 1 MB), never read to the end first.
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES, bodyTooBig);
  try {
    // No body at all is an empty object, so `curl -X POST …/merge` works for
    // actions whose fields are all optional; required fields still get a 400.
    return text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("validation", "The request body must be valid JSON.", { _: "Send a JSON body with 'Content-Type: application/json'." });
  }
}

const bodyTooBig = () =>
  new AppError("payload_too_large", `The request body is over ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB. Send less at a time.`);

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const nul = nulByteFields(value);
  if (nul) throw new AppError("validation", "Some fields are not valid.", englishFields(nul));
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("validation", "Some fields are not valid.", englishFields(fieldErrors(parsed.error)));
  return parsed.data;
}

// Schemas carry i18n keys as messages (shared with forms); API callers read English.
const englishFields = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, english(v)]));

/**
 * The one error path of every JSON route: an AppError as its 4xx, a unique
 * violation as a 409, anything else logged and a 500. apiRoute uses it; the
 * few routes that cannot be apiRoutes (the Stripe webhook's raw body, the
 * session-only event stream) hand their failures to it too.
 */
export function errorResponseFor(error: unknown): Response {
  if (error instanceof AppError) return apiError(error.code, error.message, error.fields);
  if (isUniqueViolation(error)) return apiError("conflict", "That already exists.");
  // Never expected: every foreseeable failure is an AppError. Log it, say little.
  console.error("API route failed", error);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
