import { expect, test } from "@playwright/test";
import { expectSignInRefused, newAccount, signIn, signUp, submitSignIn, useOwnIp } from "./support/accounts";

test.describe("sessions across browsers", () => {
  test("Sign out everywhere ends the session in the other browser too", async ({ page, browser }) => {
    const account = newAccount("everywhere");
    await signUp(page, account);
    const laptop = await browser.newContext();
    try {
      const other = await laptop.newPage();
      await signIn(other, account);

      await page.goto("/settings");
      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(page).toHaveURL(/\/sign-in/);

      // The other browser still holds its cookie, but its next navigation finds the session gone.
      await other.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Settings" }).click();
      await expect(other).toHaveURL(/\/sign-in/);
      await expect(other.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();
    } finally {
      await laptop.close();
    }
  });

  test("changing the password signs the other browser out, and only the new password works", async ({ page, browser }) => {
    const account = newAccount("rotator");
    const newPassword = "amber-harbor-77-kite";
    await signUp(page, account);
    const laptop = await browser.newContext();
    try {
      const other = await laptop.newPage();
      await useOwnIp(other); // it tries the old password below
      await signIn(other, account);

      await page.goto("/settings");
      await page.getByLabel("Current password").fill(account.password);
      await page.getByLabel("New password", { exact: true }).fill(newPassword);
      await page.getByLabel("Confirm new password").fill(newPassword);
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Password changed. Your other devices have been signed out.")).toBeVisible();
      // This browser stays signed in.
      await page.reload();
      await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

      // The other one is signed out on its next request.
      await other.reload();
      await expect(other).toHaveURL(/\/sign-in/);
      await submitSignIn(other, account.email, account.password);
      await expectSignInRefused(other, "The email or password is not right.");
      await submitSignIn(other, account.email, newPassword);
      await expect(other).toHaveURL(/\/dashboard$/);
    } finally {
      await laptop.close();
    }
  });
});
