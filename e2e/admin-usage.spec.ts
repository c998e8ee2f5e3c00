import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ADMIN_STATE } from "./support/env";

test.describe("admin console: usage", () => {
  test.describe("as the admin", () => {
    test.use({ storageState: ADMIN_STATE });

    test("the Usage tab shows everyone's usage, and the CSV export answers", async ({ page }) => {
      await page.goto("/admin/users");
      await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Usage" }).click();
      await expect(page).toHaveURL(/\/admin\/usage$/);
      await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "true");

      const byUser = await page.request.get("/admin/usage/export?groupBy=user");
      expect(byUser.status()).toBe(200);
      expect(byUser.headers()["content-type"]).toContain("text/csv");
      expect(byUser.headers()["content-disposition"]).toMatch(/attachment; filename="all-users-usage-by-user-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"/);
      expect((await byUser.text()).split("\r\n")[0]).toBe(
        "user_id,email,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,runs",
      );
      const byDay = await page.request.get("/admin/usage/export");
      expect((await byDay.text()).startsWith("date,input_tokens,")).toBe(true);
    });
  });

  test("anyone else gets a 404 JSON from the export", async ({ page }) => {
    const signedOut = await page.request.get("/admin/usage/export");
    expect(signedOut.status()).toBe(404);
    expect(await signedOut.json()).toMatchObject({ error: { code: "not_found" } });

    await signUp(page, newAccount("usage-nosy"));
    const regular = await page.request.get("/admin/usage/export?groupBy=user");
    expect(regular.status()).toBe(404);
    expect(await regular.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
