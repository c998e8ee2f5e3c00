import { apiRoute } from "@/lib/api/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** GET /api/v1/openapi.json — public; built once per process from the operation registry. */
export const GET = apiRoute({ access: "public" }, async () => {
  cached ??= buildOpenApiDocument();
  return cached;
});
