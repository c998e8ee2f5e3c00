import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { createProject, openDialog } from "./support/workspace";

test.describe("projects", () => {
  test("creating a project opens its page, and it is listed on /projects as a workspace", async ({ page }) => {
    await signUp(page, newAccount("builder"));
    await page.goto("/projects");
    await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();

    const id = await createProject(page, "Website rewrite");
    await expect(page.getByText("A new git workspace that Switchboard created")).toBeVisible();

    await page.goto("/projects");
    const list = page.getByRole("region", { name: "Your projects" });
    const link = list.getByRole("link", { name: "Website rewrite", exact: true });
    await expect(link).toHaveAttribute("href", `/projects/${id}`);
    await expect(list.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Website rewrite", exact: true }) })).toContainText("Workspace");
    await expect(page.getByRole("heading", { name: "No projects yet" })).toHaveCount(0);
  });

  test("a project's settings keep a new repository URL and setup script across a reload", async ({ page }) => {
    await signUp(page, newAccount("settler"));
    const id = await createProject(page, "Configured");
    const settings = page.getByRole("region", { name: "Settings" });
    await settings.getByLabel("Repository URL (optional)").fill("https://git.example.test/team/configured.git");
    await settings.getByLabel("Setup script (optional)").fill("npm ci");
    await settings.getByRole("button", { name: "Save changes" }).click();
    await expect(settings.getByText("Saved")).toBeVisible();

    await page.goto(`/projects/${id}`);
    await expect(settings.getByLabel("Repository URL (optional)")).toHaveValue("https://git.example.test/team/configured.git");
    await expect(settings.getByLabel("Setup script (optional)")).toHaveValue("npm ci");
  });

  test("an empty name is flagged as you type and nothing is created", async ({ page }) => {
    await signUp(page, newAccount("hasty"));
    await page.goto("/projects");
    await openDialog(page, "New project");
    const name = page.getByRole("dialog", { name: "New project" }).getByLabel("Name", { exact: true });

    await name.fill("Draft");
    await name.fill("");
    await expect(page.getByText("This field is required.")).toBeVisible();
    await expect(name).toHaveAttribute("aria-invalid", "true");

    await page.getByRole("button", { name: "Create project" }).click();
    await expect(name).toBeFocused();
    await expect(page).toHaveURL(/\/projects$/);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
  });
});
