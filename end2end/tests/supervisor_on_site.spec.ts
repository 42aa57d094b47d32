import { expect } from "@playwright/test";
import { test } from "./accessible";
import { hydrated, pageKeptOffline, signIn, SUPERVISOR } from "./helpers";

test("a supervisor signs in, finds an account, sees its clock and card, and it still opens offline", async ({
  page,
  context,
}) => {
  // Strangers are sent to sign in, and back to where they were going afterwards.
  await page.goto("/");
  await expect(page).toHaveURL(/\/kirjaudu\?next=/);

  await signIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  const rows = page.getByTestId("account-list").locator("a.account-row");
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  expect(total).toBeGreaterThan(1);

  // Find an account by typing part of its name.
  const name = (await rows.nth(1).locator(".account-name").innerText()).replace(/\u00ad/g, "").trim();
  await page.getByTestId("account-search").fill(name.split(" ")[0]);
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
  expect(await rows.count()).toBeLessThan(total);
  await rows.filter({ hasText: name }).click();

  // The account page: name, latest card, the clock by month with Finnish dates and weeks.
  await expect(page.getByTestId("account-name")).toHaveText(name);
  await expect(page).toHaveURL(/\/asiakkuus\/\d+$/);
  const card = page.getByTestId("quality-card");
  await expect(card).toContainText("Laatukortti 10/2026");
  const clock = page.getByTestId("clock");
  await expect(clock.getByRole("heading", { name: /Marraskuu 2026/ })).toContainText("tämä kuu");
  // The year opens at this month: January to October are one line until opened.
  await expect(clock.getByRole("heading", { name: "Tammikuu 2026" })).toBeHidden();
  await page.getByTestId("past-months").locator(":scope > summary").click();
  await expect(clock.getByRole("heading", { name: "Tammikuu 2026" })).toBeVisible();
  const firstDate = await clock.locator(".event-date").first().innerText();
  expect(firstDate).toMatch(/^[1-9]\d?\.([1-9]|1[0-2])\.2026/); // 7.1.2026: no leading zeros
  await expect(clock.locator(".event-week").first()).toHaveText(/^vk \d{1,2}$/);
  await expect(clock.locator(".event-meta").filter({ hasText: /klo \d{1,2}\.\d{2}/ }).first()).toBeVisible();
  await expect(page.getByTestId("supervisors").locator(".person").first()).toBeVisible();

  // Tap targets are at least 44 px high.
  for (const link of await page.locator(".section-nav a, .bottom-link, .back-link").all()) {
    const box = await link.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }

  // After one visit, with the network off, a reload still shows the account.
  await pageKeptOffline(page);
  const url = page.url();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("account-name")).toHaveText(name);
  await expect(page.getByTestId("quality-card")).toContainText("Laatukortti 10/2026");
  await hydrated(page);
  await expect(page.getByTestId("offline-notice")).toBeVisible();
  expect(page.url()).toBe(url);

  // Back online, the notice goes away by itself.
  await context.setOffline(false);
  await expect(page.getByTestId("offline-notice")).toBeHidden();
});
