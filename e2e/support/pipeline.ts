import { expect, type APIRequestContext } from "@playwright/test";
import { RETRY } from "./workspace";

/*
 * The idea pipeline's agents for end-to-end tests: `script` agents (no model
 * or key needed) that behave like the real ones would. The refiner prints the
 * documented questions block (docs/ideas.md); the coder edits files in its
 * worktree, taking the last line of its prompt ($SWITCHBOARD_PROMPT).
 */

export const QUESTION = "Which greeting should the app print?";

/** Prints a short preamble, then the structured block with one clarifying question. */
export const REFINER_TASK = `printf '%s\\n' 'Thanks, one thing first.' '\`\`\`switchboard-questions' '["${QUESTION}"]' '\`\`\`'`;

/** Writes greeting.txt and appends the prompt's last line to notes.txt. */
export const CODER_TASK = `echo "hello, world" > greeting.txt; printf '%s\\n' "$SWITCHBOARD_PROMPT" | tail -n 1 >> notes.txt; echo "wrote greeting.txt"`;

type Json = Record<string, unknown>;

/** JSON from a request that must succeed with `status`. */
export async function ok<T = Json>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** Polls GET `url` until `done(body)` holds (the queue works in the background). */
export async function waitFor<T = Json>(request: Pick<APIRequestContext, "get">, url: string, done: (body: T) => boolean, timeout = 30_000): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(
      async () => {
        last = await ok<T>(await request.get(url, RETRY));
        return done(last);
      },
      { timeout, intervals: [200, 300, 500] },
    )
    .toBe(true);
  return last!;
}
