import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { STRIPE_API_BASE } from "./support/env";
import { sessionApi } from "./support/session-api";

/** Creates a project through the REST API with the browser's session cookie. */
function createProjectViaApi(page: Page, name: string) {
  return sessionApi(page).post("/api/v1/projects", { data: { name } });
}

test.describe("billing against the Stripe stand-in on loopback", () => {
  test("upgrade -> Checkout (stand-in) -> webhook -> PRO -> limits lifted -> portal", async ({ page }) => {
    await signUp(page, newAccount("upgrader"));

    // FREE: two projects, and the third is refused naming the limit.
    for (const name of ["First", "Second"]) {
      const created = await createProjectViaApi(page, name);
      expect(created.status(), await created.text()).toBe(201);
    }
    const refused = await createProjectViaApi(page, "Third");
    expect(refused.status()).toBe(403);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.message).toMatch(/Your (Free|FREE) plan allows 2 projects/);

    await page.goto("/billing");
    await expect(page.getByText("You are on the Free plan.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Manage billing" })).toHaveCount(0);

    // Checkout: the server action redirects the browser to the stand-in's page.
    await page.getByRole("button", { name: "Upgrade to PRO" }).click();
    await expect(page).toHaveURL(new RegExp(`^${STRIPE_API_BASE}/checkout/cs_test_`));
    await expect(page.getByRole("heading", { name: "Checkout (Stripe stand-in)" })).toBeVisible();

    // Paying delivers the signed webhooks, then sends the browser back to success_url.
    await page.getByRole("button", { name: "Pay" }).click();
    await expect(page).toHaveURL(/\/billing\?checkout=success$/);
    await expect(page.getByText("Thank you! Your plan changes here as soon as Stripe confirms the payment.")).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByText("You are on the Pro plan.")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByText("Pro until", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Upgrade to PRO" })).toHaveCount(0);

    // Limits lifted: the third project is accepted now.
    const third = await createProjectViaApi(page, "Third");
    expect(third.status(), await third.text()).toBe(201);

    // The customer portal, and back.
    await page.getByRole("button", { name: "Manage billing" }).click();
    await expect(page).toHaveURL(new RegExp(`^${STRIPE_API_BASE}/portal/bps_`));
    await expect(page.getByRole("heading", { name: "Customer portal" })).toBeVisible();
    await page.getByRole("link", { name: "Return to Switchboard" }).click();
    await expect(page).toHaveURL(/\/billing$/);
    await expect(page.getByText("You are on the Pro plan.")).toBeVisible();
  });
});
