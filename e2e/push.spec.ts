import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { BASE_URL } from "./support/env";
import { sessionApi } from "./support/session-api";
import { createProjectAndAgentViaApi } from "./support/workspace";
import { decryptPush, newBrowserKeys, startPushServiceStandIn } from "../tests/stand-ins/push-service-stand-in";

/** The service worker's registration id and the notifications it shows, through the DevTools protocol. */
async function serviceWorkerOf(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const registered = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${BASE_URL}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  return { cdp, registrationId: await registered };
}

test.describe("Web Push and the installable app", () => {
  test("Chromium sees the app as installable: manifest, icons, standalone, and the service worker registered under the CSP", async () => {
    // A real profile: Playwright's usual contexts are incognito, where nothing is installable.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-pwa-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
    try {
      const page = await context.newPage();
      const cspViolations: string[] = [];
      page.on("console", (message) => void (/Content Security Policy/i.test(message.text()) && cspViolations.push(message.text())));
      await page.goto(`${BASE_URL}/sign-in`);
      expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(`${BASE_URL}/sw.js`);
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send("Page.getAppManifest");
      expect(manifest.errors).toEqual([]);
      expect(JSON.parse(manifest.data!)).toMatchObject({ name: "Switchboard", start_url: "/", display: "standalone", theme_color: "#4f46e5" });
      expect((await cdp.send("Page.getInstallabilityErrors")).installabilityErrors).toEqual([]);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  test("allowing notifications in the bell: Chromium here has no push service (PushManager.subscribe is refused), so the bell says why and nothing is subscribed", async ({ page, context }) => {
    await signUp(page, newAccount("push-allow"));
    await context.grantPermissions(["notifications"], { origin: BASE_URL });
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Notifications", exact: true }).click();
    const panel = page.getByRole("dialog", { name: "Notifications" });
    await panel.getByRole("button", { name: "Allow notifications on this device, even with every tab closed" }).click();
    await expect(panel.getByRole("status")).toHaveText(/^This browser could not subscribe to push \(.+\)\. You still get system notifications while a Switchboard tab is open\.$/);
    const list = await sessionApi(page).get("/api/v1/push/subscriptions");
    expect(await list.json()).toEqual({ data: [], nextCursor: null });
  });

  test("a run's end is pushed by the real server to a subscription at a loopback push-service stand-in (Chromium here cannot subscribe itself): only that browser's keys read it, and the service worker shows it", async ({ page, context }) => {
    const service = await startPushServiceStandIn();
    try {
      await signUp(page, newAccount("push-run"));
      const { projectId, agentId } = await createProjectAndAgentViaApi(page, { project: "Push project", agent: "Push agent" });
      const api = sessionApi(page);
      // What the bell posts after PushManager.subscribe(): the endpoint and the browser's keys.
      const browser = newBrowserKeys();
      const subscribed = await api.post("/api/v1/push/subscriptions", { data: { endpoint: service.endpoint("e2e-browser"), expirationTime: null, keys: browser.keys } });
      expect(subscribed.status(), await subscribed.text()).toBe(201);

      const started = await api.post("/api/v1/runs", { data: { agentId, projectId, task: "echo pushed from e2e" } });
      const runId = ((await started.json()) as { id: string }).id;
      const [message] = await service.waitFor("e2e-browser", 1, 30_000);
      const payload = JSON.parse(decryptPush(message!.body, browser)) as { title: string; link: string };
      expect(payload).toEqual({ title: "Run finished (Push agent): echo pushed from e2e", link: `/runs/${runId}` });
      expect(() => decryptPush(message!.body, newBrowserKeys())).toThrow();
      expect((await (await api.get("/api/v1/push/key")).json()).publicKey).toBe(message!.vapidPublicKey);

      // The same payload, handed to the app's service worker as a push event, becomes a system notification linking to the run.
      await context.grantPermissions(["notifications"], { origin: BASE_URL });
      await page.goto("/dashboard");
      const { cdp, registrationId } = await serviceWorkerOf(context, page);
      await cdp.send("ServiceWorker.deliverPushMessage", { origin: BASE_URL, registrationId, data: JSON.stringify(payload) });
      await expect
        .poll(() => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, link: (n.data as { link: string }).link }))))
        .toEqual([{ title: payload.title, link: payload.link }]);
    } finally {
      await service.close();
    }
  });
});
