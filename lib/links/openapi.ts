import type { ApiOperation } from "@/lib/api/operation";
import { listResponse } from "@/lib/api/schemas";
import { linkAnalyzeSchema, linkCreateSchema, linkDetailSchema, linkListQuery, linkSchema } from "./schemas";

const FETCH_RULES =
  "The server fetches the page: http and https only, at most 5 MB and 15 seconds, redirects followed (each hop checked again); loopback, private and link-local addresses are refused unless the server runs with `LINKS_ALLOW_PRIVATE=1`. It keeps the title, domain and readable text, then an agent (the one chosen, else the caller's default agent) is asked to answer with JSON `{ \"mainTopic\": string, \"reasonsToCare\": string[] }`. The analysis is a run (source `link`), metered and limited like any run. `status` ends `done`, or `failed` with `error` (an unreachable or refused page, no agent, a failed run, an answer that is not that JSON).";

/** The /api/v1 operations of this domain; lib/api/openapi.ts adds them to the registry. */
export const linkOperations: ApiOperation[] = [
  {
    id: "listLinks",
    method: "get",
    path: "/links",
    summary: "The caller's saved links, newest first, filtered by status, domain or text",
    tag: "links",
    auth: "user",
    query: linkListQuery,
    response: { description: "A page of links.", schema: listResponse(linkSchema) },
  },
  {
    id: "createLink",
    method: "post",
    path: "/links",
    summary: "Save a link for an agent to read",
    description: `The link starts \`pending\`. ${FETCH_RULES}`,
    tag: "links",
    auth: "user",
    body: linkCreateSchema,
    response: { status: 201, description: "The new link.", schema: linkSchema },
    errors: ["not_found"],
  },
  {
    id: "getLink",
    method: "get",
    path: "/links/{id}",
    summary: "One of the caller's links, with the page's readable text",
    tag: "links",
    auth: "user",
    response: { description: "The link.", schema: linkDetailSchema },
  },
  {
    id: "deleteLink",
    method: "delete",
    path: "/links/{id}",
    summary: "Delete a link (an analysis under way is cancelled)",
    tag: "links",
    auth: "user",
    response: { status: 204, description: "Deleted." },
  },
  {
    id: "analyzeLink",
    method: "post",
    path: "/links/{id}/analyze",
    summary: "Fetch and analyse the link again",
    description: `Allowed once the link is \`done\` or \`failed\` (409 while an analysis is under way); \`agentId\` becomes the link's agent. ${FETCH_RULES}`,
    tag: "links",
    auth: "user",
    body: linkAnalyzeSchema,
    response: { status: 202, description: "The link, `pending` again.", schema: linkSchema },
    errors: ["conflict", "not_found"],
  },
];
