import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, MANAGEMENT, pageKeptOffline, signIn } from "./helpers";

// Issue 19: management sees an account's meeting-to-deal forecast with its explanation, on a
// phone. The page is drawn by the server (ui::server_drawn): reached inside the app it is fetched
// through one door, opened directly it arrives drawn, and it opens again offline.
test("management reads an account's forecast: the turning point in words, the band, the backtest and the curve", async ({
  page,
  context,
}) => {
  await signIn(page, MANAGEMENT);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await page.goto("/asiakkuus/1");
  await hydrated(page);

  // Inside the app: one tap from the account.
  await page.getByTestId("open-forecast").click();
  await expect(page).toHaveURL(/\/asiakkuus\/1\/ennuste$/);
  const explanation = page.getByTestId("forecast-explanation");
  await expect(explanation).toContainText(/Noin \d+ tapaamisen jälkeen vuodessa jokainen lisätapaaminen tuo alle 0,1 kauppaa\./);
  await expect(page.getByTestId("forecast-next")).toContainText(/^\d+,\d\d kauppaa$/);
  await expect(page.getByTestId("forecast-backtest")).toContainText("keskivirhe");
  await expect(page.getByTestId("forecast-chart")).toBeVisible();
  await expect(page).toHaveTitle(/tapaamiset ja kaupat – Kamu$/);
  // Nothing wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/forecast-360.png", fullPage: true });

  // Another language redraws it.
  await page.getByTestId("lang-switch").selectOption("en");
  await expect(explanation).toContainText(/After about \d+ meetings a year, each extra meeting adds under 0\.1 deals\./);
  await page.getByTestId("lang-switch").selectOption("fi");
  await expect(explanation).toContainText("tapaamisen jälkeen vuodessa");

  // Opened directly, it arrives drawn and hydrates without redrawing.
  await page.reload();
  await hydrated(page);
  await expect(explanation).toContainText("tapaamisen jälkeen vuodessa");
  await expect(page).toHaveTitle(/tapaamiset ja kaupat – Kamu$/);

  // Kept for offline use like any page visited: it opens with no network.
  await pageKeptOffline(page);
  await context.setOffline(true);
  await page.reload();
  await expect(explanation).toContainText("tapaamisen jälkeen vuodessa");
  await context.setOffline(false);

  // Its back link leads inside the app to the account.
  await page.reload();
  await hydrated(page);
  await page.locator(".server-drawn .back-link").click();
  await expect(page).toHaveURL(/\/asiakkuus\/1$/);
  await expect(page.getByTestId("open-forecast")).toBeVisible();
});

// Issue 19: the account's goals, drawn by the server from the finance import and the clock.
test("the director opens the account's goals in one tap: money, hours and the plan's meetings with their lights", async ({
  page,
}) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await page.goto("/asiakkuus/1");
  await hydrated(page);
  await page.getByTestId("open-goals").click();
  await expect(page).toHaveURL(/\/asiakkuus\/1\/tavoitteet$/);
  const rows = page.getByTestId("goal-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.locator(".server-drawn")).toContainText("Asiakastapaaminen");
  await expect(page).toHaveTitle(/tavoitteet – Kamu$/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/goals-360.png", fullPage: true });
});
