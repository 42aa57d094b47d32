// Field jobs on a phone (360×740), as the walkthrough of issue 17 found them.
import { expect, Page } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, phoneSignedIn, SUPERVISOR } from "./helpers";

/** Remembers where the row is on the screen at the moment its form is submitted (the tap), so
 * the test can check it is still there after the save and the sync (Playwright's click may scroll
 * the page before tapping, so a position read before the click is not the person's view). */
async function rememberRowAtTap(page: Page, selector: string) {
  await page.evaluate((sel) => {
    document.addEventListener(
      "submit",
      () => {
        (window as unknown as { rowAtTap: number }).rowAtTap = document.querySelector(sel)!.getBoundingClientRect().top;
      },
      { capture: true, once: true },
    );
  }, selector);
}

async function rowMovedSinceTap(page: Page, selector: string) {
  return page.evaluate(
    (sel) =>
      Math.abs(document.querySelector(sel)!.getBoundingClientRect().top - (window as unknown as { rowAtTap: number }).rowAtTap),
    selector,
  );
}

test("a supervisor opens an account, finds this month's visits first and marks one done there; the page stays on it", async ({
  browser,
}) => {
  const { context, page } = await phoneSignedIn(browser, SUPERVISOR);
  const forMe = page.getByTestId("for-me");
  const planned = forMe.locator("li.event.status-planned").filter({ has: page.getByTestId("edit-event") });
  // The supervisor's accounts, until one has a visit still to do this month (other tests share
  // the database and mark visits too).
  const hrefs = await page.locator("a.account-row").evaluateAll((els) => els.map((e) => e.getAttribute("href")!));
  for (const href of hrefs) {
    await page.goto(href);
    await hydrated(page);
    if (await planned.count()) break;
  }

  // The supervisor's own block comes first, above the card and the year.
  await expect(forMe).toBeVisible();
  await expect(forMe).toContainText("Kohteesi tässä asiakkuudessa");
  expect((await forMe.boundingBox())!.y).toBeLessThan((await page.locator("#kortti").boundingBox())!.y);

  // The year opens at this month; January to October are one line.
  await expect(page.locator("[data-testid=clock] > li.month").first()).toHaveAttribute("id", "kk-2026-11");
  await expect(page.getByTestId("past-months")).not.toHaveAttribute("open", "");
  // Who marked a status is not repeated on every row; it is one tap away on the chip.
  await expect(page.getByTestId("status-mark").filter({ visible: true })).toHaveCount(0);

  const id = await planned.first().getAttribute("data-event");
  const row = forMe.locator(`li[data-event="${id}"]`);
  await row.getByTestId("edit-event").click();
  await row.locator("label.choice", { hasText: "Tehty" }).click();
  await row.getByTestId("note-input").fill("Käyty, avaimet vahtimestarilla");
  const rowSelector = `#sinulle li[data-event="${id}"]`;
  await rememberRowAtTap(page, rowSelector);
  await row.getByTestId("save-event").click();

  // Confirmed on the row itself, truthfully: the server has it.
  const saved = row.getByTestId("event-saved");
  await expect(saved).toHaveAttribute("data-delivery", "Sent", { timeout: 20_000 });
  await expect(saved).toHaveText("Tallennettu ja lähetetty.");
  await expect(row.locator(".status-chip")).toHaveText("Tehty");
  // The form closed and the sync redrew the page: the row is where it was when tapped.
  await expect(page.getByTestId("sync-waiting")).toHaveCount(0);
  await expect(row).toBeInViewport();
  await expect(saved).toBeInViewport();
  expect(await rowMovedSinceTap(page, rowSelector)).toBeLessThan(2);

  // Tapping the chip tells who marked it.
  await row.locator(".status-chip").click();
  await expect(row.getByTestId("status-mark")).toBeVisible();
  await expect(row.getByTestId("status-mark")).toContainText(/^merkitsi .+ \d{1,2}\.\d{1,2}\.\d{4}$/);
  await page.screenshot({ path: "test-results/supervisor-marked-done-360.png" });
  await context.close();
});

test("a director marks a site visit done inside this month's round; the round stays open on it after the sync", async ({
  browser,
}) => {
  const { context, page } = await phoneSignedIn(browser, DIRECTOR);
  await page.locator("a.account-row").nth(3).click();
  await expect(page.getByTestId("account-name")).toBeVisible();
  await hydrated(page);
  const round = page.locator("#kk-2026-11 li.site-round").first();
  await round.locator("summary").first().click();
  const visit = round.locator(".round-sites > li.status-planned").filter({ has: page.getByTestId("edit-event") }).first();
  const id = await visit.getAttribute("data-event");
  const row = page.locator(`#e-${id}`);
  await row.getByTestId("edit-event").click();
  await row.locator("label.choice", { hasText: "Tehty" }).click();
  await rememberRowAtTap(page, `#e-${id}`);
  await row.getByTestId("save-event").click();
  await expect(row.getByTestId("event-saved")).toHaveAttribute("data-delivery", "Sent", { timeout: 20_000 });
  // The sync redrew the list: the round is still open and the row where it was.
  await expect(page.getByTestId("sync-waiting")).toHaveCount(0);
  await expect(round.locator("details").first()).toHaveAttribute("open", "");
  await expect(row).toBeInViewport();
  await expect(row.getByTestId("event-saved")).toBeInViewport();
  expect(await rowMovedSinceTap(page, `#e-${id}`)).toBeLessThan(2);
  await context.close();
});

test("a director saves this month's card on the card page and the account page shows that card", async ({
  browser,
}) => {
  const { context, page } = await phoneSignedIn(browser, DIRECTOR);
  // An account no other browser test writes a card for.
  await page.locator("a.account-row", { hasText: "Uusi kaupunki" }).click();
  await expect(page.getByTestId("quality-card")).toContainText("Laatukortti 10/2026");
  await hydrated(page);
  await page.getByTestId("open-card").click();
  await page.getByTestId("start-this-month").click();
  await hydrated(page);
  await page.getByTestId("card-light-yellow").click();
  await page.getByTestId("card-summary-input").fill("Marraskuu: kaksi reklamaatiota, korjaukset sovittu asiakkaan kanssa.");
  await page.getByTestId("save-card").click();
  await expect(page.getByTestId("card-saved")).toHaveAttribute("data-delivery", "Sent", { timeout: 20_000 });
  await page.locator("a.back-link").click();
  const card = page.getByTestId("quality-card");
  await expect(card).toContainText("Laatukortti 11/2026");
  await expect(card).toContainText("Marraskuu: kaksi reklamaatiota");
  // And after a reload, from the server.
  await page.reload();
  await expect(page.getByTestId("quality-card")).toContainText("Laatukortti 11/2026");
  await context.close();
});

test("a director taps a mark on the wheel, reads what it is, and finds it in the list below the tabs", async ({
  browser,
}) => {
  const { context, page } = await phoneSignedIn(browser, DIRECTOR);
  await page.locator("a.account-row").nth(5).click();
  await hydrated(page);
  const wheel = page.getByTestId("clock-wheel");
  await wheel.scrollIntoViewIfNeeded();

  // Readable at 360 px: month names and counts are real text sizes, not 8–10 px.
  const monthHeight = await wheel.locator("g.month-seg text").first().evaluate((e) => e.getBoundingClientRect().height);
  expect(monthHeight).toBeGreaterThanOrEqual(12);
  const countHeight = await wheel.locator(".folded-count").first().evaluate((e) => e.getBoundingClientRect().height);
  expect(countHeight).toBeGreaterThanOrEqual(9.5);
  await expect(wheel.locator("g.month-seg text").nth(2)).toHaveText("maalis");
  await expect(wheel.locator("g.month-seg text").nth(10)).toHaveText("marras");
  // Each kind of visit is counted apart: no month adds quality and satisfaction visits together.
  const folded = await wheel.locator("g.folded").evaluateAll((els) => els.map((e) => e.getAttribute("class")));
  expect(folded.every((c) => /k-(quality_visit|satisfaction_visit)/.test(c!))).toBe(true);
  // The key explains what faded, red-edged and hollow marks mean.
  await expect(page.getByTestId("wheel-key")).toContainText("tehty");
  await expect(page.getByTestId("wheel-key")).toContainText("myöhässä");

  const mark = wheel.locator("g.mark").first();
  const id = await mark.getAttribute("data-event");
  await mark.locator("a").click();
  const picked = page.getByTestId("wheel-picked");
  await expect(picked).toBeVisible();
  await expect(picked).toContainText(/\d{1,2}\.\d{1,2}\.2026/);
  await page.screenshot({ path: "test-results/wheel-picked-360.png" });
  await picked.getByTestId("wheel-show-in-list").click();
  const row = page.locator(`#e-${id}`);
  await expect(row).toBeInViewport();
  const tabs = (await page.locator(".section-nav").boundingBox())!;
  await expect.poll(async () => (await row.boundingBox())!.y).toBeGreaterThanOrEqual(tabs.y + tabs.height - 1);
  await context.close();
});

test("long Finnish words break between syllables and nothing on the account page overflows at 360 px", async ({
  browser,
}) => {
  const { context, page } = await phoneSignedIn(browser, DIRECTOR);
  await page.locator("a.account-row").first().click();
  // The account page comes by in-app navigation: wait for it, not only for hydration (which
  // the list page had already passed).
  await expect(page).toHaveURL(/\/asiakkuus\/\d+$/);
  await hydrated(page);
  const titles = page.locator(".event-title").filter({ visible: true });
  await expect(titles.first()).toBeVisible();
  expect(await titles.count()).toBeGreaterThan(0);
  const problems = await titles.evaluateAll((els) =>
    els.flatMap((e) => {
      const text = e.textContent ?? "";
      const unbreakable = text.split(/[^\p{L}\u00ad]+/u).filter((w) => w.length >= 12 && !w.includes("\u00ad"));
      const overflows = e.scrollWidth > e.clientWidth + 1;
      return unbreakable.length || overflows ? [`${text} ${overflows ? "(overflows)" : ""}`] : [];
    }),
  );
  expect(problems).toEqual([]);
  // Nothing makes the page wider than the phone (the wheel's legend once did: 415 px).
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
  await context.close();
});
