import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./openapi";
import type { ApiOperation } from "./operation";
import { listResponse, paginationQuery } from "./schemas";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// A made-up resource, shaped like the ones later issues add.
const widget = z.object({ id: z.string(), name: z.string().describe("Shown in lists."), createdAt: z.string() });
const createWidget = z.object({ name: z.string().min(1).max(80), size: z.number().int().default(1) });
const tagged = z.object({ label: z.string() }).meta({ id: "Label" });

const list: ApiOperation[] = [
  {
    id: "listWidgets",
    method: "get",
    path: "/widgets",
    summary: "List",
    tag: "widgets",
    auth: "user",
    query: paginationQuery.extend({ status: z.enum(["on", "off"]).optional() }),
    response: { description: "A page.", schema: listResponse(widget) },
  },
  {
    id: "createWidget",
    method: "post",
    path: "/widgets",
    summary: "Create",
    tag: "widgets",
    auth: "user",
    body: createWidget,
    response: { status: 201, description: "Created.", schema: widget },
    errors: ["forbidden", "conflict"],
  },
  {
    id: "getWidget",
    method: "get",
    path: "/widgets/{id}",
    summary: "One",
    tag: "widgets",
    auth: "user",
    response: { description: "The widget.", schema: widget },
  },
  {
    id: "labelWidget",
    method: "put",
    path: "/widgets/{id}/label",
    summary: "Label",
    tag: "widgets",
    auth: "admin",
    body: tagged,
    response: { description: "Labelled.", schema: z.object({ labels: z.array(tagged) }) },
  },
  {
    id: "streamWidget",
    method: "get",
    path: "/widgets/{id}/events",
    summary: "Stream",
    tag: "widgets",
    auth: "user",
    response: { description: "Events.", contentType: "text/event-stream" },
  },
];

const doc = buildOpenApiDocument(list) as Json;
const schemaOf = (ref: Json) => doc.components.schemas[ref.$ref.split("/").pop()];

describe("buildOpenApiDocument", () => {
  it("turns a query schema into query parameters, defaults making them optional", () => {
    const params = doc.paths["/widgets"].get.parameters as Json[];
    expect(params.map((p) => [p.name, p.in, p.required])).toEqual([
      ["limit", "query", false],
      ["cursor", "query", false],
      ["status", "query", false],
    ]);
    expect(params[0]).toMatchObject({ description: expect.stringContaining("1 to 100"), schema: { type: "integer", default: 25, minimum: 1, maximum: 100 } });
  });

  it("documents the list shape and references one shared component for a reused schema", () => {
    const page = schemaOf(doc.paths["/widgets"].get.responses["200"].content["application/json"].schema);
    expect(page.required).toEqual(["data", "nextCursor"]);
    const created = doc.paths["/widgets"].post.responses["201"].content["application/json"].schema;
    const one = doc.paths["/widgets/{id}"].get.responses["200"].content["application/json"].schema;
    expect(created).toEqual(one); // same zod object, same component
  });

  it("documents a request body in its input form and the automatic error responses", () => {
    const post = doc.paths["/widgets"].post;
    const body = schemaOf(post.requestBody.content["application/json"].schema);
    expect(body.required).toEqual(["name"]); // `size` has a default: optional on input
    expect(Object.keys(post.responses).sort()).toEqual(["201", "400", "401", "403", "409", "413"]);
  });

  it("adds path parameters, 404 for them, and no body for a stream", () => {
    const stream = doc.paths["/widgets/{id}/events"].get;
    expect(stream.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    expect(stream.responses["200"]).toEqual({ description: "Events.", content: { "text/event-stream": {} } });
    expect(stream.responses["404"]).toEqual({ $ref: "#/components/responses/NotFound" });
  });

  it("names a schema after its own meta id and resolves every $ref inside components", () => {
    expect(doc.components.schemas.Label).toBeDefined();
    const text = JSON.stringify(doc);
    expect(text).not.toContain("__shared");
    expect(text).not.toContain("$defs");
    for (const [ref, kind, name] of text.matchAll(/#\/components\/(schemas|responses)\/([^"]+)/g)) {
      expect(doc.components[kind!][name!], ref).toBeDefined();
    }
  });
});
