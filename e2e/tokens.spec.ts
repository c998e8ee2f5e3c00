import { expect, test } from "@playwright/test";
import { clickUntilVisible, newAccount, signUp } from "./support/accounts";

test("an API token created in settings calls /api/v1/me until it is revoked", async ({ page, playwright, baseURL }) => {
  const account = newAccount("scripter");
  await signUp(page, account);

  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill("CI e2e");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Token “CI e2e” created.")).toBeVisible();
  const shownOnce = page.getByLabel("Your new token");
  await expect(shownOnce).not.toHaveValue("");
  const token = await shownOnce.inputValue();

  // A script, with no browser cookies: only the token says who it is.
  const api = await playwright.request.newContext({ baseURL });
  try {
    const me = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: account.email, name: account.name });

    const anonymous = await api.get("/api/v1/me");
    expect(anonymous.status()).toBe(401);

    // Shown once: after a reload only its name and prefix remain.
    await page.reload();
    await expect(page.getByLabel("Your new token")).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: "CI e2e" })).toBeVisible();

    await clickUntilVisible(
      page.getByRole("button", { name: "Revoke CI e2e" }),
      page.getByText("Revoke “CI e2e”? Scripts using it will stop working at once."),
    );
    await page.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(page.getByText("Token “CI e2e” revoked.")).toBeVisible();
    await expect(page.getByText("No tokens yet.", { exact: false })).toBeVisible();

    const revoked = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(revoked.status()).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: "unauthorized" } });
  } finally {
    await api.dispose();
  }
});
