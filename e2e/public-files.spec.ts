import { expect, test } from "@playwright/test";

/** The files browsers and crawlers fetch at well-known paths, served from public/ to anyone, signed in or not. */
test.describe("public files", () => {
  test("robots.txt keeps crawlers out of a self-hosted workspace", async ({ request }) => {
    const response = await request.get("/robots.txt");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/plain");
    expect(await response.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  });

  test("favicon.ico, the home-screen icons and the web manifest are there for a browser that is not signed in", async ({ request, page }) => {
    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    // An ICO file: reserved 0, type 1 (icon).
    expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    for (const icon of ["/apple-touch-icon.png", "/icon-192.png", "/icon-512.png"]) {
      const response = await request.get(icon);
      expect(response.status(), icon).toBe(200);
      expect(response.headers()["content-type"], icon).toBe("image/png");
    }

    await page.goto("/sign-in");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/manifest.webmanifest");
    const manifest = await (await request.get(href!)).json();
    expect(manifest).toMatchObject({ name: "Switchboard", icons: [{ src: "/icon-192.png" }, { src: "/icon-512.png" }] });
  });
});
