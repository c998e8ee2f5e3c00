import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as eventsGET } from "@/app/api/v1/runs/[id]/events/route";
import { setDisabled } from "@/lib/admin/manage-users";
import { createSession, revokeUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";
import { createUser } from "@/lib/users/users";
import { serveFetch } from "@/tests/serve-fetch";
import { createRunLog } from "./event-log";
import { runEventsResponse } from "./sse";
import { createRun, openStream, type OpenStream } from "./test-helpers";

// Bearer tokens through the real /api/v1 route; the browser route's session is passed to the stream as it passes it.
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

/**
 * Issue 10 item 7: an open SSE stream kept delivering a run's lines after its
 * token was revoked, its user disabled, or every session signed out. Now the
 * stream closes within a few seconds, and what the run prints afterwards
 * never reaches it.
 */

let base = "";
let close: () => Promise<void>;
let admin: { id: string; role: "admin" };

beforeAll(async () => {
  admin = { id: (await createUser({ email: "sse-admin@example.com" }))!.id, role: "admin" }; // the first account
  const served = await serveFetch(async (request) => {
    const url = new URL(request.url);
    const [, kind, runId] = /^\/(v1|session)\/runs\/([^/]+)\/events$/.exec(url.pathname) ?? [];
    if (kind === "v1") return eventsGET(request, { params: Promise.resolve({ id: runId! }) });
    // The browser route, minus the cookie decoding Auth.js does: the session id arrives as a header here.
    try {
      return await runEventsResponse(request, request.headers.get("x-user")!, runId!, {
        credential: { kind: "session", sessionId: request.headers.get("x-session")! },
      });
    } catch (error) {
      if (error instanceof AppError) return Response.json({ error: { code: error.code } }, { status: error.status });
      throw error;
    }
  });
  base = served.url;
  close = served.close;
});
afterAll(() => close());

/** A running run with one line printed, and a writer to print more. */
async function liveRun(userId: string) {
  const { runId } = await createRun(userId, "running");
  const log = createRunLog(runId);
  log.append({ stream: "stdout", kind: "text", text: "before" });
  await log.flush();
  return { runId, log };
}

const texts = (s: OpenStream) => s.messages.filter((m) => m.event === "log").map((m) => JSON.parse(m.data).text as string);

/** Revoking happens; the stream must end within 5 s, and a line printed after that must never arrive. */
async function expectClosedSoon(s: OpenStream, log: ReturnType<typeof createRunLog>) {
  const t0 = Date.now();
  const ended = await Promise.race([s.ended.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);
  expect(ended).toBe(true);
  expect(Date.now() - t0).toBeLessThan(5_000);
  log.append({ stream: "stdout", kind: "text", text: "after" });
  await new Promise((r) => setTimeout(r, 400));
  expect(texts(s)).toEqual(["before"]);
}

async function withToken(email: string) {
  const user = (await createUser({ email }))!;
  const token = await createApiToken(user.id, "stream");
  return { userId: user.id, token, auth: { authorization: `Bearer ${token.value}` } };
}

describe("an open run stream when access ends", () => {
  it("closes within seconds of its API token being revoked, and a reconnect is refused with 401", async () => {
    const caller = await withToken("sse-revoke@example.com");
    const { runId, log } = await liveRun(caller.userId);
    const s = await openStream(`${base}/v1/runs/${runId}/events`, caller.auth);
    expect(s.status).toBe(200);
    await s.waitFor(() => texts(s).includes("before"));

    await revokeApiToken(caller.userId, caller.token.id);
    await expectClosedSoon(s, log);
    const again = await openStream(`${base}/v1/runs/${runId}/events`, caller.auth);
    expect(again.status).toBe(401);
    again.close();
    await log.close();
  });

  it("closes within seconds of its user being disabled", async () => {
    const caller = await withToken("sse-disabled@example.com");
    const { runId, log } = await liveRun(caller.userId);
    const s = await openStream(`${base}/v1/runs/${runId}/events`, caller.auth);
    await s.waitFor(() => texts(s).includes("before"));

    await setDisabled(admin, caller.userId, true);
    await expectClosedSoon(s, log);
    await log.close();
  });

  it("a browser stream stays open while its session lives, and closes within seconds of 'sign out everywhere'", async () => {
    const user = (await createUser({ email: "sse-session@example.com" }))!;
    const { runId, log } = await liveRun(user.id);
    const session = await createSession(user.id, {});
    const s = await openStream(`${base}/session/runs/${runId}/events`, { "x-user": user.id, "x-session": session });
    await s.waitFor(() => texts(s).includes("before"));
    // Still open after several checks while nothing changed.
    await new Promise((r) => setTimeout(r, 4_500));
    const stillOpen = await Promise.race([s.ended.then(() => false), Promise.resolve(true)]);
    expect(stillOpen).toBe(true);

    await revokeUserSessions(user.id);
    await expectClosedSoon(s, log);
    await log.close();
  });
});
