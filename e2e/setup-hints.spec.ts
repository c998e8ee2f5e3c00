import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ADMIN_STATE } from "./support/env";
import { openDialog } from "./support/workspace";

/*
 * Server setup is for admins: on this suite's server PROJECT_ROOTS is not
 * set, so existing folders cannot be added. A plain user is not offered the
 * folder field and reads no variable name; the admin sees the field off with
 * the setting that turns it on.
 */

test("a plain user's new-project form leaves out the folder it cannot use and names no server variable", async ({ page }) => {
  await signUp(page, newAccount("plain-setup"));
  await page.goto("/projects");
  await openDialog(page, "New project");
  const form = page.getByRole("dialog", { name: "New project" });
  await expect(form.getByLabel("Name")).toBeVisible();
  await expect(form.getByLabel("Existing folder (optional)")).toHaveCount(0);
  await expect(form).not.toContainText(/[A-Z]+_[A-Z_]+/);
  await expect(page.locator("main")).not.toContainText(/[A-Z]+_[A-Z_]+/);
});

test.describe("as the admin", () => {
  test.use({ storageState: ADMIN_STATE });
  test("the new-project form shows the folder field off, with the setup hint", async ({ page }) => {
    await page.goto("/projects");
    await openDialog(page, "New project");
    await expect(page.getByLabel("Existing folder (optional)")).toBeDisabled();
    await expect(page.getByText("Off: set PROJECT_ROOTS on the server to allow existing folders.")).toBeVisible();
  });
});
