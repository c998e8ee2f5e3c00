import { expect, test } from "@playwright/test";
import { expectSignInRefused, newAccount, signIn, signUp, submitSignIn, useOwnIp } from "./support/accounts";
import { ADMIN_STATE } from "./support/env";

test.describe("admin console: disabling an account", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an admin disabling a user whose open session then dies", async ({ page, browser }) => {
    // The user signs up in their own browser and sits on the dashboard.
    const account = newAccount("disabled");
    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const userPage = await theirs.newPage();
      await useOwnIp(userPage); // it is refused a sign-in below
      await signUp(userPage, account);

      // The admin finds them through the search box and opens their page.
      await page.goto("/admin/users");
      await page.getByRole("searchbox", { name: "Search by email or name" }).fill(account.email);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/admin\/users\?q=/);
      await page.getByRole("table", { name: "Users, newest first" }).getByRole("link", { name: account.email }).click();
      await expect(page.getByRole("heading", { name: account.email, level: 1 })).toBeVisible();

      await page.getByRole("button", { name: "Disable account" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Account disabled. Their sessions have ended." })).toBeVisible();
      await expect(page.getByRole("button", { name: "Enable account" })).toBeVisible();

      // The user's browser still holds its cookie, but its next navigation finds the session gone.
      await userPage.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Settings" }).click();
      await expect(userPage).toHaveURL(/\/sign-in/);
      await expect(userPage.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();

      // Signing in again is refused, with the reason.
      await submitSignIn(userPage, account.email, account.password);
      await expectSignInRefused(userPage, "This account has been disabled. Contact your administrator.");

      // The admin enables the account again; the user can sign in.
      await page.getByRole("button", { name: "Enable account" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Account enabled." })).toBeVisible();
      await expect(page.getByRole("button", { name: "Disable account" })).toBeVisible();

      await signIn(userPage, account);
      await expect(userPage.getByText(`Welcome, ${account.name}.`)).toBeVisible();
    } finally {
      await theirs.close();
    }
  });
});
