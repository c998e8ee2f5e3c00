import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { BASE_URL } from "./support/env";
import { sessionApi } from "./support/session-api";
import { createProjectAndAgentViaApi, waitForHydration } from "./support/workspace";
import { decryptPush, newBrowserKeys, startPushServiceStandIn } from "../tests/stand-ins/push-service-stand-in";

test.describe("Web Push and the installable app", () => {
  test("probe", async ({ page, context }) => {
    const cspErrors: string[] = [];
    page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
    await signUp(page, newAccount("pwa"));
    await page.goto("/dashboard");
    const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    console.log("sw", script, cspErrors);
    const cdp = await context.newCDPSession(page);
    console.log("installability", JSON.stringify(await cdp.send("Page.getInstallabilityErrors")));
    const manifest = await cdp.send("Page.getAppManifest");
    console.log("manifest errors", JSON.stringify(manifest.errors));
    await context.grantPermissions(["notifications"], { origin: BASE_URL });
    const result = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      try {
        const key = await (await fetch("/api/v1/push/key")).json();
        const raw = atob(key.publicKey.replace(/-/g, "+").replace(/_/g, "/"));
        const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
        const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes });
        return "ok " + sub.endpoint;
      } catch (e) {
        return "error " + (e as Error).name + ": " + (e as Error).message;
      }
    });
    console.log("subscribe", result, Notification.name);
  });
});
