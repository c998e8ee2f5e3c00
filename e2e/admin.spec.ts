import { expect, test } from "@playwright/test";
import { ADMIN, newAccount, signUp } from "./support/accounts";
import { ADMIN_STATE } from "./support/env";

test.describe("admin console", () => {
  test.describe("as the admin", () => {
    test.use({ storageState: ADMIN_STATE });

    test("the admin sees Admin in the navigation, and /admin/users lists the accounts", async ({ page, browser }) => {
      // Someone else signs up in their own browser.
      const regular = newAccount("listed");
      const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      await signUp(await theirs.newPage(), regular);
      await theirs.close();

      await page.goto("/dashboard");
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Admin" }).click();
      await expect(page).toHaveURL(/\/admin\/users$/);
      await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

      // Newest first: the account just made is on the first page, as a plain user.
      const users = page.getByRole("table", { name: "Users, newest first" });
      const theirRow = users.getByRole("row").filter({ hasText: regular.email });
      await expect(theirRow).toContainText(regular.name);
      await expect(theirRow.getByRole("cell", { name: "User", exact: true })).toBeVisible();

      // Search finds the admin, marked as such.
      await page.getByRole("searchbox", { name: "Search by email or name" }).fill(ADMIN.email);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/admin\/users\?q=/);
      const adminRow = users.getByRole("row").filter({ hasText: ADMIN.email });
      await expect(adminRow.getByRole("cell", { name: "Admin", exact: true })).toBeVisible();
      await expect(users.getByRole("row").filter({ hasText: regular.email })).toHaveCount(0);
    });

    test("/admin/settings shows each plan's limits, read only, as lib/billing/plans.ts sets them", async ({ page }) => {
      await page.goto("/admin/settings");
      const limits = page.getByRole("table", { name: "Limits of the Free and Pro plans" });
      await expect(limits.getByRole("row", { name: /^Agents/ })).toHaveText(/Agents\s*3\s*Unlimited/);
      await expect(limits.getByRole("row", { name: /^Runs per month/ })).toHaveText(/Runs per month\s*100\s*10,000/);
      await expect(page.getByRole("region", { name: "Limits of the Free and Pro plans" }).getByRole("textbox")).toHaveCount(0);
    });
  });

  test("a regular user has no Admin link and gets the 404 page at /admin/users", async ({ page }) => {
    await signUp(page, newAccount("regular"));
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("a signed-out visitor gets the 404 page at /admin/users, not a sign-in prompt", async ({ page }) => {
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(404);
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});
