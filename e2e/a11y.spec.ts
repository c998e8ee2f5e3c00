import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE } from "./support/env";

/*
 * Small things that make the app usable for everyone: a skip link is the
 * first thing Tab reaches and takes focus to the page, and text meets WCAG AA
 * contrast (4.5:1; axe-core's color-contrast rule, run in the page) in the
 * light and the dark theme on the main pages.
 */

test.use({ storageState: ADMIN_STATE, bypassCSP: true }); // axe-core is injected as a script

const axeSource = createRequire(__filename).resolve("axe-core/axe.min.js");
const PAGES = ["/dashboard", "/projects", "/agents", "/runs", "/board", "/ideas", "/links", "/usage", "/import", "/trash", "/billing", "/settings", "/settings/tokens", "/settings/mcp", "/chat", "/admin/users", "/admin/jobs", "/admin/settings"];

/** axe-core's color-contrast findings on the page, and how many text elements it checked (so a silent no-op cannot pass). */
async function contrastProblems(page: Page): Promise<{ problems: string[]; checked: number }> {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async () => {
    type Node = { target: unknown[]; any: Array<{ message: string }> };
    type Result = { violations: Array<{ nodes: Node[] }>; passes: Array<{ nodes: Node[] }> };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "rule", values: ["color-contrast"] } });
    return {
      problems: result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(" ")}: ${n.any[0]?.message ?? ""}`)),
      checked: result.passes.reduce((n, p) => n + p.nodes.length, 0),
    };
  });
}

test("the skip link comes first and moves focus to the page", async ({ page }) => {
  await page.goto("/dashboard");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

for (const scheme of ["light", "dark"] as const) {
  test(`text meets 4.5:1 contrast on the main pages, ${scheme} theme`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const problems: string[] = [];
    for (const path of PAGES) {
      await page.goto(path);
      await page.waitForLoadState("load");
      const found = await contrastProblems(page);
      expect(found.checked, path).toBeGreaterThan(5);
      problems.push(...found.problems.map((p) => `${path} ${p}`));
    }
    expect(problems).toEqual([]);
  });
}
