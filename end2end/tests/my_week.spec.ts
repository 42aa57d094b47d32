import { expect } from "@playwright/test";
import { test } from "./accessible";
import { hydrated, MANAGEMENT, pageKeptOffline, phoneSignedIn, signIn, SUPERVISOR } from "./helpers";

test("a supervisor marks a visit done offline from their own list; after sync management sees it done", async ({
  browser,
  context,
  page,
}) => {
  await signIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/$/);
  await page.getByTestId("nav-my-week").click();
  await expect(page.getByRole("heading", { name: "Omat tehtävät" })).toBeVisible();
  await hydrated(page);
  await pageKeptOffline(page);
  // This ISO week and the next (overdue ones would come first; the server tests check that).
  await expect(page.getByTestId("my-this-week")).toContainText("Tällä viikolla (vk 48)");
  await expect(page.getByTestId("my-next-week")).toContainText("Ensi viikolla (vk 49)");
  const item = page.getByTestId("my-item").first();
  const eventId = await item.getAttribute("data-event");
  const date = (await item.locator(".event-date").innerText()).trim();
  const accountHref = await item.locator("a.event-meta").getAttribute("href");

  await context.setOffline(true);
  const same = page.locator(`[data-testid="my-item"][data-event="${eventId}"]`);
  await same.getByTestId("edit-event").click();
  await same.locator("label.choice", { hasText: "Tehty" }).click();
  await same.getByTestId("save-event").click();
  await expect(same.getByTestId("waiting-mark")).toBeVisible();
  await expect(same.getByTestId("my-status")).toHaveText("Tehty");

  await context.setOffline(false);
  await expect(same.getByTestId("waiting-mark")).toBeHidden({ timeout: 20_000 });

  // Management opens the account and the month's visit round: the visit is done.
  const { context: other, page: otherPage } = await phoneSignedIn(browser, MANAGEMENT);
  await otherPage.goto(accountHref!.split("#")[0]);
  await hydrated(otherPage);
  const [, month, year] = date.match(/^\d+\.(\d+)\.(\d+)/)!;
  const rounds = otherPage.locator(`#kk-${year}-${Number(month)} li.site-round > details > summary`);
  for (const summary of await rounds.all()) await summary.click();
  await expect(otherPage.locator(`li[data-event="${eventId}"] .status-chip`)).toHaveText("Tehty");
  // With who marked it and when, one tap away on the chip (the test server's today is 23.11.2026,
  // the mark is the real day).
  await otherPage.locator(`li[data-event="${eventId}"] .status-chip`).click();
  await expect(otherPage.locator(`li[data-event="${eventId}"]`).getByTestId("status-mark")).toContainText(
    /^merkitsi .+ \d{1,2}\.\d{1,2}\.\d{4}$/,
  );
  await other.close();
});
