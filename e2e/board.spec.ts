import { expect, test, type Locator, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok } from "./support/pipeline";
import { sessionApi } from "./support/session-api";
import { waitForHydration } from "./support/workspace";

/*
 * The board is the page: its columns share the width, a column's "+" adds a
 * task straight into it, a card's "…" menu moves it, filters apply as they
 * change and live in the URL, and on a touch phone a card is dragged with a
 * finger (real touch events through the browser's input pipeline). A column
 * shows its first 50 cards and "Show more" loads the next ones, which drag and
 * move like the rest.
 */

type Made = { projectId: string; otherProjectId: string };

async function boardUser(page: Page, label: string): Promise<Made> {
  await signUp(page, newAccount(label));
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: `Board ${label}` } }), 201);
  const other = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: `Other ${label}` } }), 201);
  return { projectId: project.id, otherProjectId: other.id };
}

const task = async (page: Page, projectId: string, title: string) =>
  ok<{ id: string }>(await sessionApi(page).post("/api/v1/tasks", { data: { projectId, title, description: "", type: "feature" } }), 201);

/** A column is a list item named by its heading ("Review 1 task", or "Queued 50+ tasks" while more follow). */
const column = (page: Page, name: string) => page.getByRole("listitem", { name: new RegExp(`^${name} \\d+\\+? tasks?$`) });

test.describe("the board on a laptop", () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  test("all six columns fit the width; + adds a task into its column; the … menu moves a card; counts say 1 task", async ({ page }) => {
    const { projectId } = await boardUser(page, "quick");
    await task(page, projectId, "Already queued");
    await page.goto(`/board?projectId=${projectId}`);

    // Every column, Done and Cancelled too, is on screen without scrolling sideways.
    for (const name of ["Queued", "In progress", "Review", "Blocked", "Done", "Cancelled"]) await expect(column(page, name)).toBeInViewport({ ratio: 1 });
    await expect(column(page, "Queued")).toHaveAccessibleName("Queued 1 task");
    await expect(column(page, "Review")).toHaveAccessibleName("Review 0 tasks");
    // No form sits under the board; cards have no native select.
    await expect(page.getByRole("button", { name: "Add task" })).toHaveCount(0);
    await expect(page.getByRole("article").locator("select")).toHaveCount(0);

    // Quick-add into Review.
    const plus = page.getByRole("button", { name: "Add a task to Review" });
    await waitForHydration(plus);
    await plus.click();
    const dialog = page.getByRole("dialog", { name: "New task in Review" });
    await expect(dialog.getByLabel("Title")).toBeFocused();
    await dialog.getByLabel("Title").fill("Check the release notes");
    await dialog.getByRole("button", { name: "Add task" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(column(page, "Review").getByRole("article", { name: "Check the release notes" })).toBeVisible();
    await expect(column(page, "Review")).toHaveAccessibleName("Review 1 task");
    await expect(page.getByText("Task added to the board.")).toBeVisible(); // the toast

    // The … menu moves a card, with the keyboard as well as the mouse.
    const card = column(page, "Queued").getByRole("article", { name: "Already queued" });
    await card.getByRole("button", { name: "Actions for Already queued" }).click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitemradio", { name: "Queued" })).toHaveAttribute("aria-checked", "true");
    // The move shows at once; the server action saving it is awaited before the reload.
    const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/board"));
    await menu.getByRole("menuitemradio", { name: "Done" }).click();
    await expect(column(page, "Done").getByRole("article", { name: "Already queued" })).toBeVisible();
    await saved;
    await page.reload();
    await expect(column(page, "Done").getByRole("article", { name: "Already queued" })).toBeVisible();
    await expect(column(page, "Queued")).toHaveAccessibleName("Queued 0 tasks");

    await column(page, "Done").getByRole("button", { name: "Actions for Already queued" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menu")).toBeVisible();
    await page.getByRole("menuitemradio", { name: "Blocked" }).focus();
    await page.keyboard.press("Enter");
    await expect(column(page, "Blocked").getByRole("article", { name: "Already queued" })).toBeVisible();
  });

  test("filters apply as they change and live in the URL; New task opens the full form in a dialog", async ({ page }) => {
    const made = await boardUser(page, "filters");
    await task(page, made.projectId, "In the first project");
    await task(page, made.otherProjectId, "In the other project");
    await page.goto("/board");
    await expect(page.getByRole("article")).toHaveCount(2);

    const project = page.getByRole("search", { name: "Filters" }).getByLabel("Project");
    await waitForHydration(project);
    await project.selectOption({ label: "Other filters" });
    await expect(page).toHaveURL(new RegExp(`/board\\?projectId=${made.otherProjectId}$`));
    await expect(page.getByRole("article")).toHaveText([/In the other project/]);
    await page.reload();
    await expect(page.getByRole("article")).toHaveText([/In the other project/]);

    await page.getByRole("button", { name: "New task", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "New task" });
    // The project filter is the form's project.
    await expect(dialog.getByLabel("Project").locator("option:checked")).toHaveText("Other filters");
    await dialog.getByLabel("Title").fill("Made from the dialog");
    await dialog.getByLabel("Priority").selectOption("Urgent");
    await dialog.getByRole("button", { name: "Add task" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(column(page, "Queued").getByRole("article", { name: "Made from the dialog" })).toContainText("Urgent");
  });

  test("a long column shows its first 50 cards; Show more loads the rest, which move by drag, menu and keyboard into place", async ({ page }) => {
    test.setTimeout(90_000);
    const { projectId } = await boardUser(page, "pages");
    // 54 cards in Queued, all normal priority: the newest first, so Card 04 to 01 are past the first page.
    for (let i = 1; i <= 54; i++) await task(page, projectId, `Card ${String(i).padStart(2, "0")}`);
    await page.goto(`/board?projectId=${projectId}`);

    const queued = column(page, "Queued");
    await expect(queued).toHaveAccessibleName("Queued 50+ tasks");
    await expect(queued.getByRole("article")).toHaveCount(50);
    await expect(queued.getByRole("article").first()).toHaveAccessibleName(/Card 54/);
    await expect(queued.getByRole("article").last()).toHaveAccessibleName(/Card 05/);
    await expect(queued.getByRole("article", { name: /Card 04/ })).toHaveCount(0);
    // Columns with no more have no button.
    await expect(column(page, "Review").getByRole("button", { name: /Show more/ })).toHaveCount(0);

    const more = queued.getByRole("button", { name: "Show more tasks in Queued" });
    await waitForHydration(more);
    await more.click();
    await expect(queued.getByRole("article")).toHaveCount(54);
    await expect(queued).toHaveAccessibleName("Queued 54 tasks");
    await expect(more).toHaveCount(0); // nothing more to load
    await expect(queued.getByRole("article").last()).toHaveAccessibleName(/Card 01/);
    await expect(queued.getByRole("article", { name: /Card 04/ })).toBeFocused(); // the first new card

    // The … menu moves a card of the loaded page.
    let saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/board"));
    await queued.getByRole("button", { name: "Actions for Card 01" }).click();
    await page.getByRole("menu").getByRole("menuitemradio", { name: "Review" }).click();
    const review = column(page, "Review");
    await expect(review.getByRole("article", { name: /Card 01/ })).toBeVisible();
    await saved;

    // A mouse drag moves another into the same column, where it goes above Card 01 (same priority and position, newer).
    saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/board"));
    await mouseDrag(page, queued.getByRole("article", { name: /Card 02/ }), review);
    await expect(review.getByRole("article")).toHaveText([/Card 02/, /Card 01/]);
    await saved;

    // Alt+Right moves the third loaded card one column along.
    saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/board"));
    await queued.getByRole("article", { name: /Card 03/ }).focus();
    await page.keyboard.press("Alt+ArrowRight");
    await expect(column(page, "In progress").getByRole("article", { name: /Card 03/ })).toBeVisible();
    await saved;
    await expect(queued).toHaveAccessibleName("Queued 51 tasks");
    await expect(review).toHaveAccessibleName("Review 2 tasks");

    // Card 04 is on no column's first page, only on the page Show more loaded: deleted in its panel, it leaves the board too.
    page.once("dialog", (dialog) => void dialog.accept());
    await queued.getByRole("link", { name: "Open Card 04" }).click();
    await page.getByRole("button", { name: "Delete task" }).click();
    await expect(queued.getByRole("article", { name: /Card 04/ })).toHaveCount(0);
    await expect(queued).toHaveAccessibleName("Queued 50 tasks");

    // Saved: after a reload the moved cards are where they went, and Queued holds exactly one page.
    await page.reload();
    await expect(column(page, "Review").getByRole("article")).toHaveText([/Card 02/, /Card 01/]);
    await expect(column(page, "In progress").getByRole("article")).toHaveText([/Card 03/]);
    await expect(column(page, "Queued")).toHaveAccessibleName("Queued 50 tasks");
    await expect(column(page, "Queued").getByRole("button", { name: /Show more/ })).toHaveCount(0);
  });
});

test.describe("the board on a touch phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("a card is dragged to another column with a finger (press, hold, move)", async ({ page }) => {
    const { projectId } = await boardUser(page, "finger");
    await task(page, projectId, "Drag me by touch");
    await page.goto(`/board?projectId=${projectId}`);
    const card = column(page, "Queued").getByRole("article", { name: "Drag me by touch" });
    await waitForHydration(card.getByRole("link"));
    const target = column(page, "In progress");
    // The next column starts just off screen on a phone: the board scrolls sideways in its own box.
    // The move shows at once; the server action saving it is awaited before the reload.
    const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/board"));
    await touchDrag(page, card, target);
    await expect(column(page, "In progress").getByRole("article", { name: "Drag me by touch" })).toBeVisible();
    await saved;
    await page.reload();
    await expect(column(page, "In progress").getByRole("article", { name: "Drag me by touch" })).toBeVisible();
  });
});

/** Press on `from`, hold past the long-press delay, move in steps onto the visible part of `to`, lift. */
async function touchDrag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const width = page.viewportSize()!.width;
  const start = { x: a.x + 20, y: a.y + 12 };
  const end = { x: Math.min(b.x + 30, width - 5), y: b.y + 60 };
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", p?: { x: number; y: number }) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: p ? [{ x: Math.round(p.x), y: Math.round(p.y) }] : [] });
  await touch("touchStart", start);
  await page.waitForTimeout(400); // a long press starts the drag; a quick swipe scrolls the page
  for (let i = 1; i <= 12; i++) await touch("touchMove", { x: start.x + ((end.x - start.x) * i) / 12, y: start.y + ((end.y - start.y) * i) / 12 });
  await touch("touchEnd");
}

/** Press the mouse on `from`, move past dnd-kit's 6 px start, then across onto `to` at the same height, and release. */
async function mouseDrag(page: Page, from: Locator, to: Locator) {
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const start = { x: a.x + 20, y: a.y + 12 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 10, start.y + 4, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, start.y, { steps: 12 });
  await page.mouse.up();
}
