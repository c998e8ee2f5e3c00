import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { pushSubscriptions, users, type Job } from "@/db/schema";
import { GET as getKey } from "@/app/api/v1/push/key/route";
import { DELETE as unsubscribe, GET as listSubs, POST as subscribe } from "@/app/api/v1/push/subscriptions/route";
import { createAgent } from "@/lib/agents/agents";
import { config, resetConfigForTests } from "@/lib/config";
import { createProject } from "@/lib/projects/projects";
import { runAgentJobDefinition } from "@/lib/runs/execute";
import { startRun } from "@/lib/runs/lifecycle";
import { updateMeSettings } from "@/lib/users/settings";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { decryptPush, newBrowserKeys, startPushServiceStandIn } from "@/tests/stand-ins/push-service-stand-in";
import { setDisabled } from "@/lib/admin/manage-users";
import { testUser } from "@/tests/factories";
import webpush from "web-push";
import { sendPush } from "./send";
import { listPushSubscriptions, savePushSubscription } from "./subscriptions";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/push/subscriptions";
let service: Awaited<ReturnType<typeof startPushServiceStandIn>>;
let alice: { id: string; auth: string; agentId: string; projectId: string };
let bob: { id: string; auth: string };

async function call(handler: (r: Request, c: ReturnType<typeof idParams>) => Promise<Response>, request: Request) {
  const response = await handler(request, idParams(""));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Subscribes a fresh "browser" (real keys) at the stand-in's endpoint `name`, as the bell posts it. */
async function browserSubscribes(auth: string, name: string) {
  const browser = newBrowserKeys();
  const response = await call(subscribe, apiRequest(BASE, auth, "POST", { endpoint: service.endpoint(name), expirationTime: null, keys: browser.keys }));
  expect(response.status).toBe(201);
  return browser;
}

async function runToEnd(task: string) {
  const run = await startRun(alice.id, { agentId: alice.agentId, projectId: alice.projectId, task });
  await runAgentJobDefinition.run({ job: { id: run.id, payload: { runId: run.id } } as unknown as Job, signal: new AbortController().signal, heartbeat: async () => true });
  return run.id;
}

function allowPrivate(on: boolean) {
  process.env.PUSH_ALLOW_PRIVATE = on ? "1" : "0";
  resetConfigForTests();
}

beforeAll(async () => {
  allowPrivate(true);
  service = await startPushServiceStandIn();
  const a = await apiAccount("push-alice@example.com");
  await db().update(users).set({ role: "user" }).where(eq(users.id, a.id));
  const agent = await createAgent(a.id, { name: "Shell", executor: "script", icon: "bot", systemPrompt: "", defaultTask: null, model: "x", type: "development", tools: [], hooks: null, enableFileRead: true, enableFileWrite: true, enableNetwork: false });
  const project = await createProject(a.id, { name: "push" });
  alice = { ...a, agentId: agent.id, projectId: project.id };
  bob = await apiAccount("push-bob@example.com");
});

afterAll(async () => {
  await service.close();
  delete process.env.PUSH_ALLOW_PRIVATE;
});

describe("Web Push", () => {
  it("generates the VAPID key pair on first use, keeps it in DATA_DIR (0600) and serves its public half", async () => {
    const first = await call(getKey, apiRequest("http://localhost/api/v1/push/key", alice.auth));
    const file = path.join(config().dataDir, "vapid-keys.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const kept = JSON.parse(fs.readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
    expect(first.body).toEqual({ publicKey: kept.publicKey });
    expect(Buffer.from(kept.publicKey, "base64url")).toHaveLength(65);
    expect(JSON.stringify(first.body)).not.toContain(kept.privateKey);
    expect((await call(getKey, apiRequest("http://localhost/api/v1/push/key", bob.auth))).body).toEqual(first.body);
  });

  it("a run that ends is pushed through a loopback push-service stand-in speaking Web Push, encrypted so only that browser reads it (title and link)", async () => {
    const browser = await browserSubscribes(alice.auth, "alice-laptop");
    await browserSubscribes(bob.auth, "bob-phone");
    const runId = await runToEnd("echo pushed");

    const [message] = await service.waitFor("alice-laptop");
    expect(message!.headers["content-encoding"]).toBe("aes128gcm");
    expect(message!.vapidPublicKey).toBe(JSON.parse(fs.readFileSync(path.join(config().dataDir, "vapid-keys.json"), "utf8")).publicKey);
    expect(message!.claims.sub).toBe("mailto:switchboard@localhost");
    expect(JSON.parse(decryptPush(message!.body, browser))).toEqual({ title: "Run finished (Shell): echo pushed", link: `/runs/${runId}` });
    // Another browser's keys cannot read it; Bob's browser got nothing of Alice's.
    expect(() => decryptPush(message!.body, newBrowserKeys())).toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(service.received.filter((m) => m.name === "bob-phone")).toEqual([]);
  });

  it("the stand-in is a real check: a push signed with another VAPID key than it names is refused", async () => {
    const ours = webpush.generateVAPIDKeys();
    const other = webpush.generateVAPIDKeys();
    const request = webpush.generateRequestDetails({ endpoint: service.endpoint("forged"), keys: newBrowserKeys().keys }, "hi", {
      vapidDetails: { subject: "mailto:x@example.com", publicKey: ours.publicKey, privateKey: ours.privateKey },
      TTL: 60,
    });
    const forged = String(request.headers.Authorization).replace(ours.publicKey, other.publicKey);
    const response = await fetch(request.endpoint, { method: "POST", headers: { ...request.headers, Authorization: forged, TTL: "60" } as Record<string, string>, body: new Uint8Array(request.body!) });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("the JWT's signature does not match k");
  });

  it("follows the user's notification settings", async () => {
    await updateMeSettings(alice.id, { notifications: { runFailed: false } });
    const before = service.received.length;
    await runToEnd("exit 1");
    await new Promise((r) => setTimeout(r, 500));
    expect(service.received.length).toBe(before);
    await updateMeSettings(alice.id, { notifications: { runFailed: true } });
  });

  it("an endpoint the push service says is gone (410) is removed; other subscriptions stay", async () => {
    await browserSubscribes(alice.auth, "alice-old-tablet");
    service.markGone("alice-old-tablet");
    const outcome = await sendPush(alice.id, { title: "hello", link: "/runs" });
    expect(outcome).toEqual({ sent: 1, removed: 1, failed: 0 });
    const { body } = await call(listSubs, apiRequest(BASE, alice.auth));
    expect((body!.data as Array<{ endpoint: string }>).map((s) => s.endpoint)).toEqual([service.endpoint("alice-laptop")]);
  });

  it("subscriptions are each user's own: listing, unsubscribing, moving a browser to the account that subscribed it last; gone when the user is disabled or deleted", async () => {
    expect(((await call(listSubs, apiRequest(BASE, bob.auth))).body!.data as Array<{ endpoint: string }>).map((s) => s.endpoint)).toEqual([service.endpoint("bob-phone")]);
    // Bob cannot remove Alice's.
    const endpoint = encodeURIComponent(service.endpoint("alice-laptop"));
    expect((await call(unsubscribe, apiRequest(`${BASE}?endpoint=${endpoint}`, bob.auth, "DELETE"))).status).toBe(404);

    // Bob signs in on Alice's laptop and allows push there: it is his now, and hers no more.
    const bobOnLaptop = await browserSubscribes(bob.auth, "alice-laptop");
    await sendPush(alice.id, { title: "for alice", link: null });
    await sendPush(bob.id, { title: "for bob", link: "/board" });
    const laptop = await service.waitFor("alice-laptop", 2);
    expect(JSON.parse(decryptPush(laptop.at(-1)!.body, bobOnLaptop))).toEqual({ title: "for bob", link: "/board" });
    expect((await call(listSubs, apiRequest(BASE, alice.auth))).body!.data).toEqual([]);

    expect((await call(unsubscribe, apiRequest(`${BASE}?endpoint=${endpoint}`, bob.auth, "DELETE"))).status).toBe(204);
    // Disabled by an admin: his browsers hear nothing more.
    await browserSubscribes(bob.auth, "bob-tablet");
    const admin = await testUser({ email: "push-admin@example.com" });
    await db().update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    await setDisabled(admin, bob.id, true);
    expect(await sendPush(bob.id, { title: "for bob", link: null })).toEqual({ sent: 0, removed: 0, failed: 0 });
    await setDisabled(admin, bob.id, false);
    expect(await listPushSubscriptions(bob.id)).toEqual([]);

    // Deleted: his subscriptions go with him.
    await savePushSubscription(bob.id, { endpoint: service.endpoint("bob-phone"), keys: newBrowserKeys().keys });
    await db().delete(users).where(eq(users.id, bob.id));
    expect(await db().select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, bob.id))).toEqual([]);
  });

  it("refuses bad subscriptions with the reason, and http or private endpoints unless PUSH_ALLOW_PRIVATE=1", async () => {
    const keys = newBrowserKeys().keys;
    const bad = await call(subscribe, apiRequest(BASE, alice.auth, "POST", { endpoint: "not a url", keys: { p256dh: "short", auth: keys.auth } }));
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body!.error as { fields: Record<string, string> }).fields).sort()).toEqual(["endpoint", "keys.p256dh"]);

    await browserSubscribes(alice.auth, "alice-desk");
    allowPrivate(false);
    try {
      const http = await call(subscribe, apiRequest(BASE, alice.auth, "POST", { endpoint: service.endpoint("x"), keys }));
      expect(http.status).toBe(400);
      expect((http.body!.error as { message: string }).message).toBe("A push endpoint must be an https URL.");
      const loopback = await call(subscribe, apiRequest(BASE, alice.auth, "POST", { endpoint: "https://127.0.0.1:9/push/x", keys }));
      expect((loopback.body!.error as { message: string }).message).toContain("loopback or private address");
      // A subscription saved while allowed is not sent to once that is off.
      expect(await sendPush(alice.id, { title: "x", link: null })).toEqual({ sent: 0, removed: 0, failed: 1 });
    } finally {
      allowPrivate(true);
    }
  });
});
