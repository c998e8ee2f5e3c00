import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";

test("switching the language to 한국어 in settings shows Korean, and back to English", async ({ page }) => {
  await signUp(page, newAccount("polyglot"));
  await page.goto("/settings");

  await page.getByLabel("Language", { exact: true }).selectOption({ label: "한국어" });
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("환경설정을 저장했습니다.")).toBeVisible();
  const nav = page.getByRole("navigation", { name: "주 메뉴" });
  await expect(nav.getByRole("link", { name: "대시보드" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");

  // It sticks: a fresh load of another page is Korean too.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "대시보드", level: 1 })).toBeVisible();

  await page.goto("/settings");
  await page.getByLabel("언어", { exact: true }).selectOption({ label: "English" });
  await page.getByRole("button", { name: "환경설정 저장" }).click();
  await expect(page.getByText("Preferences saved.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
