import "server-only";
import { operations } from "./openapi";

/**
 * Which methods each /api/v1 path takes, read from the operation registry
 * (a test keeps it equal to the route files). Next answers a method a route
 * file does not export with an empty 405; the proxy asks here first so the
 * caller gets the API's JSON error and an Allow header instead.
 */
type PathMethods = { pattern: RegExp; params: number; methods: Set<string> };

const table: PathMethods[] = (() => {
  const byPath = new Map<string, Set<string>>();
  for (const op of operations) {
    const methods = byPath.get(op.path) ?? new Set<string>();
    methods.add(op.method.toUpperCase());
    byPath.set(op.path, methods);
  }
  byPath.set("/openapi.json", new Set(["GET"]));
  return [...byPath].map(([path, methods]) => {
    const source = path.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+");
    return { pattern: new RegExp(`^/api/v1${source}/?$`), params: (path.match(/\{/g) ?? []).length, methods };
  });
})();

/**
 * The methods `pathname` answers to, or null when no route claims it (the
 * catch-all then answers 404). Like Next's router, a literal segment wins
 * over a parameter: /agents/import is its own route, not /agents/{id}.
 */
export function allowedMethods(pathname: string): string[] | null {
  const matches = table.filter((entry) => entry.pattern.test(pathname)).sort((a, b) => a.params - b.params);
  const best = matches[0];
  if (!best) return null;
  const methods = new Set(best.methods);
  // Next answers these itself for every route: HEAD from GET, OPTIONS with Allow.
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return [...methods];
}
