import { expect, test } from "@playwright/test";
import { expectSignInRefused, fillSignUp, newAccount, signOut, signUp, submitSignIn, useOwnIp } from "./support/accounts";

test.describe("password accounts", () => {
  test("signing up lands on the dashboard, signed in under the new name", async ({ page }) => {
    const account = newAccount("newcomer");
    await signUp(page, account);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Account menu" })).toContainText(account.name);
  });

  test("signing out returns to sign-in, and the dashboard then asks to sign in", async ({ page }) => {
    const account = newAccount("leaver");
    await signUp(page, account);
    await signOut(page);
    await expect(page.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();

    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
    await expect(page.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();
  });

  test("signing in with the right password opens the page that asked for it", async ({ page }) => {
    const account = newAccount("returning");
    await signUp(page, account);
    await signOut(page);

    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await submitSignIn(page, account.email, account.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Welcome, ${account.name}.`)).toBeVisible();
  });

  test("a wrong password, or an unknown email, is refused with the same message and stays signed out", async ({ page }) => {
    await useOwnIp(page);
    const account = newAccount("mistyped");
    await signUp(page, account);
    await signOut(page);

    await submitSignIn(page, account.email, "not-the-right-password");
    await expectSignInRefused(page, "The email or password is not right.");

    await submitSignIn(page, `nobody.${Date.now()}@example.com`, account.password);
    await expectSignInRefused(page, "The email or password is not right.");

    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  });

  test("a common password is refused at sign-up with its reason, and nothing is created", async ({ page }) => {
    const account = newAccount("careless");
    await fillSignUp(page, { ...account, password: "password1" });
    await expect(page.getByText("This password is too common. Choose one that is harder to guess.")).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/sign-up$/);
    // The name and email survive the refusal.
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(account.email);

    // The refused attempt left no account behind: the same email can still sign up.
    await signUp(page, account);
  });

  test("the brute-force guard: after 10 wrong passwords even the right one waits", async ({ page }) => {
    await useOwnIp(page);
    const account = newAccount("targeted");
    await signUp(page, account);
    await signOut(page);

    for (let attempt = 1; attempt <= 10; attempt++) {
      await submitSignIn(page, account.email, `wrong-guess-${attempt}`);
      await expectSignInRefused(page, "The email or password is not right.");
    }

    await submitSignIn(page, account.email, account.password);
    await expectSignInRefused(page, /^Too many attempts\. Try again in \d+ minutes\.$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  });
});
