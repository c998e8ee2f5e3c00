import crypto from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";

/** Long and uncommon, so the sign-up rules accept it. */
export const PASSWORD = "violet-canyon-42-tram";

/** The first account on the fresh server, created by e2e/admin.setup.ts before any spec runs. */
export const ADMIN = { name: "Ada Admin", email: "e2e-admin@example.com", password: PASSWORD };

export type Account = { name: string; email: string; password: string };

function suffix() {
  return `${Date.now().toString(36)}${crypto.randomBytes(4).toString("hex")}`;
}

/** A new, never-used account for one test. */
export function newAccount(label: string): Account {
  const id = suffix();
  return { name: `${label[0]!.toUpperCase()}${label.slice(1)} ${id.slice(-4)}`, email: `${label}.${id}@example.com`, password: PASSWORD };
}

/**
 * Give this page its own client address. The suite's server runs with
 * TRUST_PROXY=1, as if behind a reverse proxy, so X-Forwarded-For names the
 * client: a test that fails sign-ins (or signs up, which is limited per
 * address) on purpose never holds the rest of the suite back. Without
 * TRUST_PROXY the header is ignored (e2e/sign-in-guard.spec.ts).
 */
export async function useOwnIp(page: Page) {
  await giveOwnIp(page);
}

// Not named use*: React's lint rule would take it for a hook inside fillSignUp.
async function giveOwnIp(page: Page) {
  const b = crypto.randomBytes(3);
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `10.${b[0]}.${b[1]}.${b[2]}` });
}

/** Fills the sign-up form and submits it, from an address of its own (sign-ups are limited per address). */
export async function fillSignUp(page: Page, account: Account) {
  await giveOwnIp(page);
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Creates the account through the sign-up form; the new user lands signed in on the dashboard. */
export async function signUp(page: Page, account: Account) {
  await fillSignUp(page, account);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${account.name}.`)).toBeVisible();
}

/** Fills the sign-in form and submits it, resolving once the server has started to answer. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  // A server action POST once hydrated, or the plain form POST before that: either way, the answer.
  const answered = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
}

/**
 * A refused sign-in: the form says why and is ready for the next attempt.
 * React clears the password field once the attempt is over, so typing the
 * next one never races with the end of this one.
 */
export async function expectSignInRefused(page: Page, message: string | RegExp) {
  await expect(alertWith(page, message)).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  await expect(page).toHaveURL(/\/sign-in/);
}

export async function signIn(page: Page, account: Pick<Account, "email" | "password">) {
  await page.goto("/sign-in");
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/**
 * Clicks a button that only works once React has hydrated the page (it opens
 * something in the browser, with no form behind it), clicking again, as a
 * person would, until `opened` shows. Forms need none of this: they post
 * even before hydration.
 */
export async function clickUntilVisible(button: Locator, opened: Locator) {
  await expect(async () => {
    if (!(await opened.isVisible())) await button.click();
    await expect(opened).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** Opens the account menu and returns it. */
export async function openAccountMenu(page: Page) {
  const menu = page.getByRole("menu");
  await clickUntilVisible(page.getByRole("button", { name: "Account menu" }), menu);
  return menu;
}

/** Signs out through the account menu; the app sends the visitor to /sign-in. */
export async function signOut(page: Page) {
  const menu = await openAccountMenu(page);
  await menu.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
}

/** The form's own message (Next.js keeps an empty route announcer with role=alert too). */
export function alertWith(page: Page, text: string | RegExp) {
  return page.getByRole("alert").filter({ hasText: text });
}
