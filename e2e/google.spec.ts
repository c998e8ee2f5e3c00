import { expect, test } from "@playwright/test";
import { alertWith, newAccount, openAccountMenu, signIn, signOut, signUp } from "./support/accounts";
import { GOOGLE_ISSUER } from "./support/env";
import { chooseGoogleAccount, newGoogleIdentity } from "./support/google";

test.describe("Google sign-in against a loopback OpenID Connect stand-in", () => {
  test("Continue with Google goes through the provider and lands signed in on the dashboard", async ({ page, context }) => {
    const google = newGoogleIdentity();
    await chooseGoogleAccount(context, google);

    await page.goto("/sign-in");
    const toProvider = page.waitForRequest((r) => r.url().startsWith(`${GOOGLE_ISSUER}/authorize?`));
    await page.getByRole("button", { name: "Continue with Google" }).click();
    const authorize = new URL((await toProvider).url());
    // A real OpenID Connect authorization request with PKCE, coming back to our callback.
    expect(authorize.searchParams.get("scope")).toContain("openid");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("redirect_uri")).toMatch(/\/api\/auth\/callback\/google$/);

    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Welcome, ${google.name}.`)).toBeVisible();
    await expect(await openAccountMenu(page)).toContainText(google.email);
  });

  test("a Google account whose verified email matches a password account signs into that same account", async ({ page, context }) => {
    const account = newAccount("linked");
    await signUp(page, account);
    await signOut(page);

    await chooseGoogleAccount(context, newGoogleIdentity({ email: account.email, name: "Someone Else At Google" }));
    await page.getByRole("button", { name: "Continue with Google" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    // The existing account, not a new one named after the Google profile.
    await expect(page.getByText(`Welcome, ${account.name}.`)).toBeVisible();

    // And the password still opens it.
    await signOut(page);
    await signIn(page, account);
    await expect(page.getByText(`Welcome, ${account.name}.`)).toBeVisible();
  });

  test("an unverified Google email cannot claim an existing account", async ({ page, context }) => {
    const account = newAccount("guarded");
    await signUp(page, account);
    await signOut(page);

    await chooseGoogleAccount(context, newGoogleIdentity({ email: account.email, emailVerified: false }));
    await page.getByRole("button", { name: "Continue with Google" }).click();
    await expect(page).toHaveURL(/\/sign-in\?error=unverified_email/);
    await expect(alertWith(page, "Google has not verified this email address, so it cannot be used to sign in.")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  });
});
