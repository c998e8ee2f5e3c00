import crypto from "node:crypto";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startAppServer, type AppServer } from "./support/app-server";
import { alertWith, expectSignInRefused, newAccount, PASSWORD, signOut, signUp, submitSignIn, type Account } from "./support/accounts";
import { BARE_APP_PORT, GOOGLE_ISSUER } from "./support/env";
import { chooseGoogleAccount, newGoogleIdentity } from "./support/google";

/**
 * Attacks on sign-in and sign-up from outside, against a server of this
 * spec's own with no proxy configuration (TRUST_PROXY unset), as a fresh
 * install runs. Every browser here reaches it from 127.0.0.1, so the tests
 * share one client address and run in order; X-Forwarded-For is sent freely
 * and must change nothing.
 */
test.describe.configure({ mode: "serial" });

const BARE_URL = `http://localhost:${BARE_APP_PORT}`;
test.use({ baseURL: BARE_URL });

let server: AppServer;
let adminState: Awaited<ReturnType<BrowserContext["storageState"]>>;
const a = newAccount("alice");
const b = newAccount("bob");

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  server = await startAppServer(BARE_APP_PORT, {
    // Google sign-in against the suite's loopback stand-in, as in playwright.config.ts.
    AUTH_GOOGLE_ID: "switchboard-e2e",
    AUTH_GOOGLE_SECRET: "switchboard-e2e-secret",
    AUTH_GOOGLE_ISSUER: GOOGLE_ISSUER,
  });
  const context = await browser.newContext({ baseURL: BARE_URL });
  const page = await context.newPage();
  await signUp(page, newAccount("admin")); // the first account: this server's admin
  adminState = await context.storageState();
  await context.close();
});

test.afterAll(async () => {
  await server?.stop();
});

/** Claims to be someone else each time: a fresh X-Forwarded-For. */
async function rotateForwardedFor(page: Page) {
  const n = crypto.randomBytes(3);
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `10.${n[0]}.${n[1]}.${n[2]}` });
}

async function asAdmin(browser: Browser) {
  const context = await browser.newContext({ baseURL: BARE_URL, storageState: adminState });
  return { context, page: await context.newPage() };
}

async function setSignUpPolicy(browser: Browser, label: string) {
  const { context, page } = await asAdmin(browser);
  await page.goto("/admin/settings");
  const policy = page.getByLabel("Who may create an account");
  await policy.selectOption({ label });
  await page.locator("form", { has: policy }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Sign-ups are now: ${label}.` })).toBeVisible();
  await context.close();
}

async function fillSignUpForm(page: Page, account: Account) {
  await page.getByLabel("Name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
}

test("ten wrong passwords for one account, even from rotating X-Forwarded-For, lock that account only: another's right password signs in", async ({ page }) => {
  await signUp(page, a);
  await signOut(page);
  await signUp(page, b);
  await signOut(page);

  for (let attempt = 1; attempt <= 10; attempt++) {
    await rotateForwardedFor(page);
    await submitSignIn(page, a.email, `wrong-guess-${attempt}`);
    await expectSignInRefused(page, "The email or password is not right.");
  }
  await submitSignIn(page, a.email, a.password);
  await expectSignInRefused(page, /^Too many attempts\. Try again in \d+ minutes\.$/);

  // Bob, behind the very same address, is not locked out.
  await submitSignIn(page, b.email, b.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${b.name}.`)).toBeVisible();
});

test("a rotated X-Forwarded-For does not escape the per-address limit, and the audit log shows the real address", async ({ page, browser }) => {
  // Ten failures came from this address above, each claiming another; a new claim changes nothing.
  await rotateForwardedFor(page);
  await page.goto("/sign-in");
  await submitSignIn(page, b.email, "still-guessing");
  await expectSignInRefused(page, /^Too many attempts\. Try again in \d+ minutes\.$/);
  await submitSignIn(page, `nobody.${Date.now()}@example.com`, "guess");
  await expectSignInRefused(page, /^Too many attempts\./);

  const { context, page: admin } = await asAdmin(browser);
  await admin.goto("/admin/audit?action=auth.sign_in_failed");
  const rows = admin.getByRole("row").filter({ hasText: a.email });
  await expect(rows.first()).toContainText("127.0.0.1");
  await expect(admin.getByRole("row").filter({ hasText: /10\.\d+\.\d+\.\d+/ })).toHaveCount(0);
  await context.close();
});

test("closed sign-ups: the page says so, a form opened before closing is refused, Google makes no new account", async ({ page, context, browser }) => {
  const late = newAccount("late");
  await page.goto("/sign-up");
  await fillSignUpForm(page, late);

  await setSignUpPolicy(browser, "Nobody (closed)");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alertWith(page, "Sign-ups are closed on this server. Ask its administrator for an account.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);

  await page.goto("/sign-up");
  await expect(page.getByRole("status").filter({ hasText: "Sign-ups are closed on this server." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);

  await page.goto("/sign-in");
  await submitSignIn(page, late.email, late.password);
  // Refused, so no such account: its right password would sign in even from this throttled address.
  await expectSignInRefused(page, /^Too many attempts\./);

  // Google: a new identity is turned away; an existing account still signs in through it.
  await chooseGoogleAccount(context, newGoogleIdentity());
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=sign_ups_closed/);
  await expect(alertWith(page, "Sign-ups are closed on this server, so a new account cannot be made with Google.")).toBeVisible();
  await chooseGoogleAccount(context, newGoogleIdentity({ email: b.email }));
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${b.name}.`)).toBeVisible();
});

test("invite-only sign-ups: no code or a made-up one is refused; an invitation link creates one account, once", async ({ page, browser }) => {
  await setSignUpPolicy(browser, "Only people with an invitation");

  const guest = newAccount("guest");
  await page.goto("/sign-up");
  await fillSignUpForm(page, guest);
  await page.getByLabel("Invitation code").fill("made-up-code");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alertWith(page, "This invitation code is not valid")).toBeVisible();

  const { context, page: admin } = await asAdmin(browser);
  await admin.goto("/admin/settings");
  await admin.getByRole("button", { name: "Create invitation" }).click();
  const link = await admin.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(new RegExp(`^${BARE_URL}/sign-up\\?invite=[\\w-]+$`));
  await context.close();

  // Signing up while this address is throttled for failed sign-ins works, and lands signed in.
  await page.goto(link);
  await expect(page.getByLabel("Invitation code")).not.toHaveValue("");
  await fillSignUpForm(page, guest);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${guest.name}.`)).toBeVisible();
  await signOut(page);

  await page.goto(link);
  await fillSignUpForm(page, newAccount("freeloader"));
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alertWith(page, "This invitation code is not valid")).toBeVisible();
});

test("at most 5 sign-ups an hour from one address, whatever X-Forwarded-For claims", async ({ page, browser }) => {
  await setSignUpPolicy(browser, "Anyone (open)");
  // Alice, Bob and the guest above took three of this address's five; the admin (first account) took none.
  for (const label of ["fourth", "fifth"]) {
    await signUp(page, newAccount(label));
    await signOut(page);
  }
  const sixth = newAccount("sixth");
  await rotateForwardedFor(page);
  await page.goto("/sign-up");
  await fillSignUpForm(page, sixth);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alertWith(page, /^Too many sign-ups from your network\. Try again in \d+ minutes\.$/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);

  // Nothing was created: the right password would sign in even from this throttled address.
  await page.goto("/sign-in");
  await submitSignIn(page, sixth.email, PASSWORD);
  await expectSignInRefused(page, /^Too many attempts\./);
});
