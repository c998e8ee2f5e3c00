import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { ApiOperation } from "./operation";
import { errorResponse, listResponse, meResponse, paginationQuery } from "./schemas";
import { runListQuery, runSchema, runStartSchema } from "@/lib/runs/schemas";
import { runEventsQuery } from "@/lib/runs/sse";
import { runLogQuery } from "@/lib/runs/log";
import { runLogWindowOperations } from "@/lib/runs/openapi";
import { projectCreateSchema, projectSchema, projectUpdateSchema } from "@/lib/projects/schemas";
import {
  agentCreateSchema,
  agentExportSchema,
  agentImportBodySchema,
  agentImportResponseSchema,
  agentSchema,
  agentUpdateSchema,
} from "@/lib/agents/schemas";
import { usageQuerySchema, usageResponseSchema } from "@/lib/usage/schemas";
import { taskOperations } from "@/lib/tasks/openapi";
import { ideaOperations } from "@/lib/ideas/openapi";
import { mcpOperations } from "@/lib/mcp/openapi";
import { meSettingsOperations } from "@/lib/users/openapi";
import { notificationOperations } from "@/lib/notifications/openapi";
import { pushOperations } from "@/lib/push/openapi";
import { attemptOperations } from "@/lib/attempts/openapi";
import { conversationOperations } from "@/lib/conversations/openapi";
import { importOperations } from "@/lib/imports/openapi";
import { trashOperations } from "@/lib/trash/openapi";
import { linkOperations } from "@/lib/links/openapi";

/**
 * The registry of /api/v1 operations and the OpenAPI 3.1 document built from
 * it. Every route handler under app/api/v1 adds its operation here, naming
 * the very zod schemas its `apiRoute({ query, body })` validates with.
 * app/api/v1/openapi.json/route.test.ts walks app/api/v1 and fails on a
 * route that is missing here or validates with other schemas.
 */

// ------------------------------------------------------------- operations
// Add each new route's operation here, grouped by tag.

export const operations: ApiOperation[] = [
  {
    id: "getMe",
    method: "get",
    path: "/me",
    summary: "The calling user, their plan, its limits and current usage",
    tag: "account",
    auth: "user",
    response: { description: "The calling user.", schema: meResponse },
  },
  {
    id: "getOpenApi",
    method: "get",
    path: "/openapi.json",
    summary: "This OpenAPI 3.1 description of the API",
    tag: "meta",
    auth: "public",
    response: { description: "An OpenAPI 3.1 document.", schema: z.record(z.string(), z.unknown()) },
  },
  // ---- projects (lib/projects)
  {
    id: "listProjects",
    method: "get",
    path: "/projects",
    summary: "The caller's projects, newest first",
    tag: "projects",
    auth: "user",
    query: paginationQuery,
    response: { description: "A page of projects.", schema: listResponse(projectSchema) },
  },
  {
    id: "createProject",
    method: "post",
    path: "/projects",
    summary: "Create a project: a new empty git workspace, or an existing folder under PROJECT_ROOTS",
    description:
      "Without `path` the server creates an empty git repository under DATA_DIR/workspaces. With `path`, the folder must exist under one of PROJECT_ROOTS after resolving `..` and symlinks; otherwise 400 with a message saying why. `repoUrl` is stored for reference only. 403 when the plan's project limit is reached.",
    tag: "projects",
    auth: "user",
    body: projectCreateSchema,
    response: { status: 201, description: "The new project.", schema: projectSchema },
    errors: ["forbidden", "conflict"],
  },
  {
    id: "getProject",
    method: "get",
    path: "/projects/{id}",
    summary: "One of the caller's projects",
    tag: "projects",
    auth: "user",
    params: z.object({ id: z.string().describe("Project id") }),
    response: { description: "The project.", schema: projectSchema },
  },
  {
    id: "updateProject",
    method: "patch",
    path: "/projects/{id}",
    summary: "Rename a project, change its repository URL or its setup script",
    description: "The folder cannot be changed. `config.setupScript: null` removes the setup script; other config keys are kept.",
    tag: "projects",
    auth: "user",
    params: z.object({ id: z.string().describe("Project id") }),
    body: projectUpdateSchema,
    response: { description: "The updated project.", schema: projectSchema },
  },
  {
    id: "deleteProject",
    method: "delete",
    path: "/projects/{id}",
    summary: "Move a project to the trash with its runs, tasks, ideas and conversations",
    description:
      "Its live runs and attempts are stopped. It stays restorable for 30 days (`/trash`), then it is deleted for good with everything under it; a workspace folder the app created is deleted then too, a folder that existed before (under PROJECT_ROOTS) never is.",
    tag: "projects",
    auth: "user",
    params: z.object({ id: z.string().describe("Project id") }),
    response: { status: 204, description: "Deleted." },
  },
  // ---- agents (lib/agents)
  {
    id: "listAgents",
    method: "get",
    path: "/agents",
    summary: "The caller's agents, newest first",
    tag: "agents",
    auth: "user",
    query: paginationQuery,
    response: { description: "A page of agents.", schema: listResponse(agentSchema) },
  },
  {
    id: "createAgent",
    method: "post",
    path: "/agents",
    summary: "Create an agent",
    description: "Only `name` is required. 403 when the plan's agent limit is reached; 409 when the caller already has an agent of that name.",
    tag: "agents",
    auth: "user",
    body: agentCreateSchema,
    response: { status: 201, description: "The new agent.", schema: agentSchema },
    errors: ["forbidden", "conflict"],
  },
  {
    id: "getAgent",
    method: "get",
    path: "/agents/{id}",
    summary: "One of the caller's agents",
    tag: "agents",
    auth: "user",
    params: z.object({ id: z.string().describe("Agent id") }),
    response: { description: "The agent.", schema: agentSchema },
  },
  {
    id: "updateAgent",
    method: "patch",
    path: "/agents/{id}",
    summary: "Change any of an agent's fields",
    tag: "agents",
    auth: "user",
    params: z.object({ id: z.string().describe("Agent id") }),
    body: agentUpdateSchema,
    response: { description: "The updated agent.", schema: agentSchema },
    errors: ["conflict"],
  },
  {
    id: "deleteAgent",
    method: "delete",
    path: "/agents/{id}",
    summary: "Move an agent to the trash (restorable for 30 days); runs that used it keep their history",
    tag: "agents",
    auth: "user",
    params: z.object({ id: z.string().describe("Agent id") }),
    response: { status: 204, description: "Deleted." },
  },
  {
    id: "exportAgent",
    method: "get",
    path: "/agents/{id}/export",
    summary: "Download an agent as an agent-export JSON file",
    description: "Sent with `Content-Disposition: attachment` so a browser saves it; POST it to /agents/import to bring it back.",
    tag: "agents",
    auth: "user",
    params: z.object({ id: z.string().describe("Agent id") }),
    response: { description: "The agent-export file (version 1).", schema: agentExportSchema },
  },
  {
    id: "importAgents",
    method: "post",
    path: "/agents/import",
    summary: "Import agents from an agent-export file (Switchboard's or opcode/Claudia's)",
    description:
      "One export object or an array of them, all or none: a bad item refuses the whole file with a 400 naming it, and only `version: 1` is accepted. A name already in use is imported as \"<name> (Imported)\". Imports count toward the plan's agent limit (403).",
    tag: "agents",
    auth: "user",
    body: agentImportBodySchema,
    response: { status: 201, description: "The agents created, in file order.", schema: agentImportResponseSchema },
    errors: ["forbidden"],
  },
  // ---- usage (lib/usage)
  {
    id: "getUsage",
    method: "get",
    path: "/usage",
    summary: "The caller's tokens and cost in a time range, grouped by day, model, project, agent or provider",
    description:
      "One usage record per finished run. `from` and `to` take a UTC date (`to` then includes that whole day) or an ISO datetime with a time zone; both default to the last 30 days, today included. A `to` that is not after `from` is a 400 naming `to`. Days come oldest first; models, projects, agents and providers costliest first; usage of a deleted project or agent, and of runs with no provider (scripts), is one row with `key` and `name` null. A provider is `anthropic`, `openai` or `google` (named Anthropic, OpenAI, Google) for the providers' own APIs, else the host (with port) of the base URL the run used, so each OpenAI-compatible server is its own row. With `format=csv` the answer is `text/csv; charset=utf-8` as an attachment instead: a header row (`date`, `model`, `project_id,project`, `agent_id,agent` or `provider_key,provider`, then `input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,runs`) and one line per group.",
    tag: "usage",
    auth: "user",
    query: usageQuerySchema,
    response: { description: "The grouped usage with totals (JSON), or the same rows as CSV.", schema: usageResponseSchema },
  },
  // ---- runs (lib/runs)
  {
    id: "listRuns",
    method: "get",
    path: "/runs",
    summary: "The caller's runs, newest first, filtered by status, agent or project",
    tag: "runs",
    auth: "user",
    query: runListQuery,
    response: { description: "A page of runs.", schema: listResponse(runSchema) },
  },
  {
    id: "startRun",
    method: "post",
    path: "/runs",
    summary: "Queue a run of one of the caller's agents in one of their projects",
    description: "The run starts when a worker is free and the plan's concurrency limit allows; over it, the run waits queued. The `script` executor runs `task` as a bash command in the project directory.",
    tag: "runs",
    auth: "user",
    body: runStartSchema,
    response: { status: 201, description: "The queued run.", schema: runSchema },
    errors: ["forbidden"],
  },
  {
    id: "getRun",
    method: "get",
    path: "/runs/{id}",
    summary: "One of the caller's runs",
    tag: "runs",
    auth: "user",
    response: { description: "The run.", schema: runSchema },
  },
  {
    id: "cancelRun",
    method: "post",
    path: "/runs/{id}/cancel",
    summary: "Cancel a queued or running run (its process group gets SIGTERM, then SIGKILL)",
    tag: "runs",
    auth: "user",
    response: { description: "The run, cancelled or already finished.", schema: runSchema },
  },
  {
    id: "retryRun",
    method: "post",
    path: "/runs/{id}/retry",
    summary: "Start a finished run's task again as a new run",
    tag: "runs",
    auth: "user",
    response: { status: 201, description: "The new run.", schema: runSchema },
    errors: ["conflict", "forbidden"],
  },
  {
    id: "streamRunEvents",
    method: "get",
    path: "/runs/{id}/events",
    summary: "The run's events as server-sent events: replay, then the live tail, then `end`",
    description:
      "`text/event-stream`, never buffered or compressed. Every event has `id: <seq>` (strictly increasing per run), `event:` `log`, `status`, `usage` or `end`, and JSON `data`. A `log` event's data is `{stream, kind, text, level?, data?}`; `status` is `{status, at, exitCode?, error?}`; `usage` is the running totals `{inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costUsd, model?}`. Send `Last-Event-ID: n` (EventSource does on reconnect) or `?after=n` to get every event after `n` exactly once. Once the run is finished and everything was sent, one `end` event (`id:` the last seq; data: the finished run's status, exitCode, error, times, tokens and cost) closes the stream. A `: keep-alive` comment comes at least every 15 s.",
    tag: "runs",
    auth: "user",
    query: runEventsQuery,
    response: { description: "Server-sent events (see the description).", contentType: "text/event-stream" },
  },
  {
    id: "getRunLog",
    method: "get",
    path: "/runs/{id}/log",
    summary: "The run's whole log as JSON lines",
    description:
      "Every event stored when the request came in, oldest first, streamed: one `{seq, time, event, data}` object per line (`data` as in the event stream). With `format=text`, `text/plain` with each log line as a person reads it, without colour codes.",
    tag: "runs",
    auth: "user",
    query: runLogQuery,
    response: { description: "JSON lines (`application/x-ndjson`), or plain text with `format=text`.", contentType: "application/x-ndjson" },
  },
  ...runLogWindowOperations,
  ...taskOperations,
  ...ideaOperations,
  ...meSettingsOperations,
  ...notificationOperations,
  ...pushOperations,
  ...mcpOperations,
  ...attemptOperations,
  ...conversationOperations,
  ...importOperations,
  ...trashOperations,
  ...linkOperations,
];

// --------------------------------------------------------------- document

type JsonSchema = Record<string, unknown>;

const SCHEMA_REF = "#/components/schemas/";
const SHARED_REF = `${SCHEMA_REF}__shared#/$defs/`;

const ERROR_RESPONSES: Record<ErrorCode, { name: string; description: string }> = {
  validation: { name: "ValidationError", description: "Invalid input; `error.fields` says which fields and why." },
  unauthorized: { name: "Unauthorized", description: "No valid bearer token or session." },
  forbidden: { name: "Forbidden", description: "A plan limit or role forbids it." },
  not_found: { name: "NotFound", description: "It does not exist, or it is not yours." },
  method_not_allowed: { name: "MethodNotAllowed", description: "The path exists but not with this method; the Allow header lists the ones it takes." },
  conflict: { name: "Conflict", description: "It conflicts with the current state (e.g. a name already taken)." },
  payload_too_large: { name: "PayloadTooLarge", description: "The body is over the limit (1 MB of JSON)." },
  rate_limited: { name: "TooManyRequests", description: "Too many attempts; see the Retry-After header." },
};

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** Converts named zod schemas to JSON Schema components that reference each other by `$ref`. */
function toComponents(named: Map<z.ZodType, string>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => SCHEMA_REF + id,
  });
  // Schemas that carry an `id` in their global .meta(), and cycles, land in "__shared": hoist them.
  const { __shared, ...rest } = schemas as Record<string, JsonSchema>;
  const all: Record<string, JsonSchema> = { ...rest, ...((__shared?.$defs as Record<string, JsonSchema>) ?? {}) };
  for (const schema of Object.values(all)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return JSON.parse(JSON.stringify(all).replaceAll(SHARED_REF, SCHEMA_REF));
}

function parametersOf(schema: z.ZodObject | undefined, place: "query" | "path", path: string) {
  const json = schema ? (z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema) : {};
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  const names = place === "path" ? [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!) : Object.keys(properties);
  return names.map((name) => {
    const { description, ...property } = properties[name] ?? { type: "string" };
    return {
      name,
      in: place,
      required: place === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: property,
    };
  });
}

function errorCodesOf(op: ApiOperation): ErrorCode[] {
  const codes = new Set<ErrorCode>(op.errors ?? []);
  if (op.query || op.body) codes.add("validation");
  if (op.body) codes.add("payload_too_large");
  if (op.auth !== "public") codes.add("unauthorized");
  if (op.auth === "admin" || op.path.includes("{")) codes.add("not_found");
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b]);
}

/** The OpenAPI 3.1 document served at GET /api/v1/openapi.json. */
export function buildOpenApiDocument(list: ApiOperation[] = operations) {
  const outputs = new Map<z.ZodType, string>([[errorResponse, "Error"]]);
  const inputs = new Map<z.ZodType, string>();
  // A component is named by the schema's own `.meta({ id })` if it has one, else after the operation.
  const name = (map: Map<z.ZodType, string>, schema: z.ZodType, fallback: string) => {
    if (!map.has(schema)) map.set(schema, (z.globalRegistry.get(schema)?.id as string | undefined) ?? fallback);
    return { $ref: SCHEMA_REF + map.get(schema) };
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of list) {
    const { status = 200, description, schema, contentType = "application/json" } = op.response;
    const content = schema
      ? { [contentType]: { schema: name(outputs, schema, `${pascal(op.id)}Response`) } }
      : contentType !== "application/json"
        ? { [contentType]: {} }
        : undefined;
    const responses: Record<string, unknown> = { [status]: { description, ...(content ? { content } : {}) } };
    for (const code of errorCodesOf(op)) {
      responses[ERROR_STATUS[code]] = { $ref: `#/components/responses/${ERROR_RESPONSES[code].name}` };
    }
    const parameters = [...parametersOf(op.params, "path", op.path), ...parametersOf(op.query, "query", op.path)];
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.id,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      security: op.auth === "public" ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: name(inputs, op.body, `${pascal(op.id)}Body`) } } } }
        : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Switchboard API",
      version: "1.0.0",
      description:
        "Drive Switchboard from scripts and CI. Authenticate with `Authorization: Bearer <token>` (create a token at /settings/tokens) or the browser session. " +
        'A list is `{ "data": [...], "nextCursor": "..." | null }` (`?limit=`, `?cursor=`); an error is `{ "error": { "code", "message", "fields"? } }`.',
    },
    servers: [{ url: "/api/v1" }],
    tags: [...new Set(list.map((op) => op.tag))].map((tag) => ({ name: tag })),
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths,
    components: {
      schemas: { ...toComponents(inputs, "input"), ...toComponents(outputs, "output") },
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(({ name: key, description }) => [
          key,
          { description, content: { "application/json": { schema: { $ref: `${SCHEMA_REF}Error` } } } },
        ]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "A personal API token from /settings/tokens: `Authorization: Bearer sb_...`.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The browser session (named `__Secure-authjs.session-token` over HTTPS).",
        },
      },
    },
  };
}
