import type { ApiOperation } from "@/lib/api/openapi";

/** The /api/v1 operations of this domain; lib/api/openapi.ts adds them to the registry. */
export const attemptOperations: ApiOperation[] = [];
