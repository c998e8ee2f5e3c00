import type { APIRequestContext, Page } from "@playwright/test";
import { BASE_URL } from "./env";

type Options = NonNullable<Parameters<APIRequestContext["post"]>[1]>;

/**
 * The page's session cookie, for setting things up through /api/v1 quickly.
 * Writes carry `Origin` like a fetch from one of the app's own pages does:
 * the API refuses cookie-authenticated writes from anywhere else (CSRF).
 */
export function sessionApi(page: Page) {
  const request = page.request;
  const withOrigin = (options: Options = {}): Options => ({ ...options, headers: { Origin: BASE_URL, ...options.headers } });
  return {
    get: (url: string, options?: Options) => request.get(url, options),
    post: (url: string, options?: Options) => request.post(url, withOrigin(options)),
    patch: (url: string, options?: Options) => request.patch(url, withOrigin(options)),
    put: (url: string, options?: Options) => request.put(url, withOrigin(options)),
    delete: (url: string, options?: Options) => request.delete(url, withOrigin(options)),
  };
}
