import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, pageKeptOffline, signIn } from "./helpers";

// Issue 19: the director reads the customer's organisation on a phone. The demo's account 1 is
// mid-reorganisation: its property manager left and the successor has nobody of ours paired,
// so the old pair is flagged and counted as a gap.
test("the director opens the relationship map in one tap and sees the stale pair of a reorganisation", async ({
  page,
  context,
}) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await page.goto("/asiakkuus/1");
  await hydrated(page);

  await page.getByTestId("open-map").click();
  await expect(page).toHaveURL(/\/asiakkuus\/1\/kartta$/);
  await expect(page).toHaveTitle(/asiakkuuskartta – Kamu$/);
  await expect(page.getByTestId("map-position")).toHaveCount(6);
  await expect(page.getByTestId("map-coverage")).toContainText("Lähtijöitä, joiden paikkaa tai paria ei ole täytetty");
  const flagged = page.getByTestId("map-person").filter({ has: page.getByTestId("map-flag") });
  await expect(flagged.filter({ hasText: "Lähti – paria ei ole siirretty seuraajalle" })).toHaveCount(1);
  await expect(flagged.first()).toContainText(/lähti \d{1,2}\.\d{1,2}\.\d{4}/);
  await expect(page.getByTestId("map-change").first()).toBeVisible();
  // Nothing wider than the phone, the deepest reporting line included.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/map-360.png", fullPage: true });

  // In English too.
  await page.getByTestId("lang-switch").selectOption("en");
  await expect(page.getByTestId("map-coverage")).toContainText("Coverage");
  await expect(flagged.first()).toContainText("Left – the pair has not moved to a successor");
  await page.getByTestId("lang-switch").selectOption("fi");
  await expect(page.getByTestId("map-coverage")).toContainText("Kattavuus");

  // A supervisor on site with no network still finds whom the customer has in each position.
  await page.reload();
  await hydrated(page);
  await pageKeptOffline(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("map-position")).toHaveCount(6);
  await context.setOffline(false);
});
