import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { ADMIN, signUp } from "./support/accounts";
import { ADMIN_STATE } from "./support/env";

/**
 * Runs before every spec, on the fresh server: the first account to sign up
 * becomes the admin, so no spec's order decides who that is.
 */
setup("the first account signed up on a fresh server is the admin", async ({ page }) => {
  await signUp(page, ADMIN);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Admin" })).toBeVisible();
  fs.mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
});
