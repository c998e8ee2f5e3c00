import { apiError } from "@/lib/api/route";

/** Any /api/v1 path no route claims: a 404 in the API's error shape, not the HTML not-found page. */
function notFound(request: Request) {
  const { pathname } = new URL(request.url);
  return apiError("not_found", `There is no ${request.method} ${pathname}. See /api/v1/openapi.json for the endpoints.`);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
