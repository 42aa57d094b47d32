import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, MANAGEMENT, hydrated, openFirstAccount, openPastMonths, phoneSignedIn, signIn } from "./helpers";

test("a director adds a quarterly customer meeting and sees four marks on the wheel and four list entries", async ({
  browser,
  page,
}) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await openFirstAccount(page);
  const url = page.url();
  const wheel = page.getByTestId("clock-wheel");
  await expect(wheel).toBeVisible();
  // Dense rings are folded: a month of site visits is one count, not a smear of dots.
  await expect(wheel.getByTestId("wheel-folded").first()).toBeVisible();

  // The first month of the clock year, the 15th: four quarters fit in the year. The months
  // before this one are folded away (and drawn only when opened): open them, as a person would.
  await openPastMonths(page);
  const firstMonth = await page.locator("ol.clock > li.month").first().getAttribute("id");
  const [, y, m] = firstMonth!.match(/kk-(\d+)-(\d+)/)!;
  const first = `${y}-${m.padStart(2, "0")}-15`;

  await page.getByTestId("add-event").click();
  await page.getByTestId("new-kind").selectOption("customer_meeting");
  // A title of its own, so the test can run again on the same database.
  const title = `Neljännesvuosipalaveri ${Date.now() % 100000}`;
  await page.getByTestId("new-title").fill(title);
  await page.getByTestId("new-first").fill(first);
  await page.getByTestId("new-time").fill("14:30");
  await page.getByTestId("new-repeat").selectOption("quarterly");
  await expect(page.getByTestId("new-repeat")).toContainText("Neljännesvuosittain 15. päivä");
  await page.getByTestId("save-new-event").click();
  await expect(page.getByTestId("new-saved")).toContainText("4 tapahtumaa");

  const rows = page.locator("ul.events > li.event", { hasText: title });
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText("15.");
  await expect(rows.first()).toContainText("klo 14.30");
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-event")));
  for (const id of ids) {
    await expect(wheel.locator(`g.mark[data-event="${id}"]`)).toHaveCount(1);
  }
  // Sent by itself as one repeat rule; the server computes the same four occurrences, with
  // the same ids, so a reload shows exactly what the phone showed.
  await expect(page.getByTestId("sync-waiting")).toHaveCount(0, { timeout: 20_000 });
  await page.reload();
  await hydrated(page);
  await openPastMonths(page);
  await expect(rows).toHaveCount(4);
  const after = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-event")));
  expect(after).toEqual(ids);
  const { context: other, page: otherPage } = await phoneSignedIn(browser, MANAGEMENT);
  await otherPage.goto(url);
  await hydrated(otherPage);
  await openPastMonths(otherPage);
  await expect(otherPage.locator("ul.events > li.event", { hasText: title })).toHaveCount(4);
  await expect(otherPage.getByTestId("add-event")).toHaveCount(0);
  await other.close();
});

test("tapping a month on the wheel jumps to that month in the list, and rings can be hidden", async ({ page }) => {
  await signIn(page, DIRECTOR);
  await openFirstAccount(page);
  const wheel = page.getByTestId("clock-wheel");
  const visits = wheel.locator("g.folded");
  const before = await visits.count();
  expect(before).toBeGreaterThan(0);
  await page.getByTestId("ring-visits").uncheck();
  await expect(visits).toHaveCount(0);
  await page.getByTestId("ring-visits").check();
  await expect(visits).toHaveCount(before);

  // June is before this month (23.11.2026), folded away in the list: tapping it opens the fold
  // and brings June up, below the sticky section tabs, not under them.
  await wheel.locator("g.month-seg a").nth(5).click();
  const sixth = await page.locator("ol.clock > li.month").nth(5).getAttribute("id");
  const june = page.locator(`#${sixth}`);
  await expect(june).toBeInViewport();
  const tabsBottom = (await page.locator(".section-nav").boundingBox())!;
  await expect
    .poll(async () => (await june.boundingBox())!.y)
    .toBeGreaterThanOrEqual(tabsBottom.y + tabsBottom.height - 1);
});

test("a director subscribes to the account's clock in a calendar app and revokes the address", async ({ page }) => {
  await signIn(page, DIRECTOR);
  await openFirstAccount(page);
  await page.getByText("Kalenteriin", { exact: true }).click();
  await page.getByTestId("feed-create").click();
  const address = await page.getByTestId("feed-address").last().inputValue();
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kalenteri\/[0-9a-f]{64}\.ics$/);
  // A calendar app fetches it without any session.
  const app = await page.context().browser()!.newContext();
  const feed = await app.request.get(address);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain("BEGIN:VEVENT");
  await page.getByTestId("feed-revoke").last().click();
  await expect(page.getByTestId("feed-address")).toHaveCount(0);
  expect((await app.request.get(address)).status()).toBe(404);
  await app.close();
});

test("filtering by type narrows the wheel and the list alike; the company ring shows the public holidays", async ({
  page,
}) => {
  await signIn(page, DIRECTOR);
  await openFirstAccount(page);
  const wheel = page.getByTestId("clock-wheel");
  await expect(wheel.getByTestId("wheel-holiday")).toHaveCount(15);
  await page.getByTestId("filters").click();
  await page.getByTestId("filter-kind").selectOption("webinar");
  await openPastMonths(page);
  const rows = page.locator("ul.events > li.event");
  await expect(rows.first()).toBeVisible();
  const kinds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
  expect(kinds.length).toBeGreaterThan(0);
  expect(new Set(kinds)).toEqual(new Set(["webinar"]));
  const marks = await wheel.locator("g.mark").evaluateAll((els) => els.map((e) => e.getAttribute("class")));
  expect(marks.length).toBe(kinds.length);
  expect(marks.every((c) => c!.includes("k-webinar"))).toBe(true);
  await expect(wheel.locator("g.folded")).toHaveCount(0);
  await page.getByTestId("filter-kind").selectOption("");
  await expect(wheel.locator("g.folded").first()).toBeVisible();
});

test("a link to a row of an earlier month (as Omat gives) opens the folded months and shows the row", async ({
  page,
}) => {
  await signIn(page, DIRECTOR);
  await openFirstAccount(page);
  const url = page.url().split("#")[0];
  // A row from the months before this one (23.11.2026), which are folded away and drawn only
  // when opened.
  await openPastMonths(page);
  const earlier = page.getByTestId("past-months").locator("ul.events > li.event[data-event]").first();
  const id = await earlier.getAttribute("data-event");
  // A fresh load of the address, as a tap in Omat or on a shared link makes.
  await page.goto("/");
  await hydrated(page);
  await page.goto(`${url}#e-${id}`);
  await hydrated(page);
  await expect(page.getByTestId("past-months")).toHaveAttribute("open", "");
  await expect(page.locator(`#e-${id}`)).toBeInViewport();
});
