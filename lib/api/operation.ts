import type { z } from "zod";
import type { ErrorCode } from "@/lib/errors";

/*
 * The shape of one /api/v1 operation in the registry. Its own module, so the
 * per-domain pieces (lib/tasks/openapi.ts, ...) and lib/api/openapi.ts, which
 * assembles them, both depend on it and not on each other.
 */

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type ApiOperation = {
  /** OpenAPI operationId, camelCase and unique: "getMe", "listProjects". Also names the components. */
  id: string;
  method: HttpMethod;
  /** Path under /api/v1, OpenAPI style: "/runs/{id}". Every `{param}` is a required string unless `params` says more. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Same meaning as `apiRoute`'s access. "admin" routes answer 404 to non-admins. */
  auth: "public" | "user" | "admin";
  params?: z.ZodObject;
  /** A flat object; each key becomes a query parameter. */
  query?: z.ZodObject;
  body?: z.ZodType;
  response: {
    /** Default 200. */
    status?: number;
    description: string;
    /** Omit for a response without a body (204). */
    schema?: z.ZodType;
    /** Default "application/json". For text/event-stream, text/csv or JSON lines, omit `schema` and say what comes in `description`. */
    contentType?: string;
  };
  /**
   * Error codes this operation may answer with, beyond the automatic ones:
   * `unauthorized` for non-public operations, `validation` when there is a
   * query or body, `not_found` for path parameters and admin operations.
   */
  errors?: ErrorCode[];
};
