import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { operations } from "@/lib/api/openapi";
import { GET } from "./route";

// No browser session here; this also keeps next-auth (which vitest cannot load as-is) out of the imports.
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const V1 = path.resolve(__dirname, "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

async function document(): Promise<Json> {
  const response = await GET(new Request("http://localhost/api/v1/openapi.json", { headers: { authorization: "Bearer sb_wrong" } }));
  expect(response.status).toBe(200);
  return response.json();
}

/** Follows a local `$ref` ("#/components/schemas/X") in the document. */
function resolve(doc: Json, node: Json): Json {
  if (typeof node.$ref !== "string") return node;
  const target = node.$ref.slice(2).split("/").reduce((at: Json, key: string) => at?.[key], doc);
  expect(target, `dangling $ref ${node.$ref}`).toBeTruthy();
  return resolve(doc, target);
}

/** Every route.ts under app/api/v1 as [OpenAPI path, file], skipping catch-alls. */
function routeFiles(dir = V1, segments: string[] = []): [string, string][] {
  const found: [string, string][] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith("[...") || entry.name.startsWith("[[...")) continue;
      if (entry.name.startsWith("(") || entry.name.startsWith("_")) {
        found.push(...routeFiles(full, segments)); // route group / private folder: not in the URL
        continue;
      }
      const segment = entry.name.replace(/^\[(\w+)\]$/, "{$1}");
      found.push(...routeFiles(full, [...segments, segment]));
    } else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
      found.push([`/${segments.join("/")}`, full]);
    }
  }
  return found;
}

describe("GET /api/v1/openapi.json", () => {
  it("is public and looks like OpenAPI 3.1 with the bearer scheme and the shared error", async () => {
    const doc = await document();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    const error = resolve(doc, doc.components.schemas.Error);
    expect(error.properties.error.required).toEqual(expect.arrayContaining(["code", "message"]));
    expect(Object.keys(error.properties.error.properties)).toEqual(["code", "message", "fields"]);
  });

  it("documents GET /me: a 200 schema listing email and limits, bearer security, a 401", async () => {
    const doc = await document();
    const op = doc.paths["/me"].get;
    expect(op.security).toEqual(expect.arrayContaining([{ bearerAuth: [] }]));
    const schema = resolve(doc, op.responses["200"].content["application/json"].schema);
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(expect.arrayContaining(["id", "email", "name", "role", "plan", "limits", "usage"]));
    expect(schema.properties.email).toMatchObject({ type: "string", description: expect.any(String) });
    const limits = resolve(doc, schema.properties.limits);
    expect(Object.keys(limits.properties)).toEqual(expect.arrayContaining(["agents", "projects", "concurrentRuns", "runsPerMonth"]));
    expect(schema.properties).not.toHaveProperty("passwordHash");
    const unauthorized = resolve(doc, op.responses["401"]);
    expect(resolve(doc, unauthorized.content["application/json"].schema)).toBe(resolve(doc, doc.components.schemas.Error));
  });

  it("has no dangling $ref anywhere", async () => {
    const doc = await document();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== "object") return;
      if (typeof (node as Json).$ref === "string") resolve(doc, node as Json);
      Object.values(node).forEach(walk);
    };
    walk(doc);
  });
});

describe("the operation registry", () => {
  it("has unique operation ids and method+path pairs", () => {
    const ids = operations.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = operations.map((op) => `${op.method} ${op.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("documents every route under app/api/v1 with the schemas and access it validates with, and nothing else", async () => {
    const documented = new Set(operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    const served = new Set<string>();
    for (const [openApiPath, file] of routeFiles()) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of METHODS) {
        const handler = mod[method] as { apiSpec?: { access: string; query?: unknown; body?: unknown } } | undefined;
        if (!handler) continue;
        const key = `${method} ${openApiPath}`;
        served.add(key);
        const op = operations.find((o) => o.method === method.toLowerCase() && o.path === openApiPath);
        expect(op, `${key} (${path.relative(process.cwd(), file)}) is not in lib/api/openapi.ts operations`).toBeDefined();
        if (!handler.apiSpec) continue; // not written with apiRoute (e.g. a raw stream): registration is all we can check
        expect(handler.apiSpec.access, `${key}: access`).toBe(op!.auth);
        expect(handler.apiSpec.query === op!.query, `${key}: the registry must name the same query schema object`).toBe(true);
        expect(handler.apiSpec.body === op!.body, `${key}: the registry must name the same body schema object`).toBe(true);
      }
    }
    for (const key of documented) expect(served.has(key), `${key} is documented but no route serves it`).toBe(true);
  });
});
