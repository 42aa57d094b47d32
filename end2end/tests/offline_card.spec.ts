import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, MANAGEMENT, openFirstAccount, phoneSignedIn, signIn } from "./helpers";

const TEXT = "Kaksi laatupoikkeamaa Tampereella, korjaussuunnitelma sovittu asiakkaan kanssa";

test("a director turns this month's quality card red offline; it waits, syncs by itself and management sees it", async ({
  browser,
  context,
  page,
}) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await openFirstAccount(page);
  const url = page.url();

  await context.setOffline(true);
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("offline-notice")).toBeVisible();

  await page.getByTestId("edit-card").click();
  await page.getByTestId("card-light-red").check();
  // Red without saying what is wrong is refused, and nothing is queued.
  await page.getByTestId("card-summary-input").fill("Huono");
  await page.getByTestId("save-card").click();
  await expect(page.getByTestId("card-problem")).toBeVisible();
  await expect(page.getByTestId("sync-waiting")).toHaveCount(0);

  await page.getByTestId("card-summary-input").fill(TEXT);
  await page.getByTestId("save-card").click();
  const card = page.getByTestId("quality-card");
  await expect(card.getByTestId("card-light")).toHaveText("Punainen – vaikea tilanne");
  await expect(card.getByTestId("card-summary")).toHaveText(TEXT);
  await expect(card.getByTestId("waiting-mark")).toBeVisible();
  // Three edits wait: the light, the description, and last month's direction carried forward.
  await expect(page.getByTestId("sync-waiting")).toContainText("3");

  // Reopened offline, the card still shows the edit, still waiting.
  await page.close();
  const again = await context.newPage();
  await again.goto(url);
  await hydrated(again);
  await expect(again.getByTestId("quality-card").getByTestId("card-summary")).toHaveText(TEXT);
  await expect(again.getByTestId("quality-card").getByTestId("waiting-mark")).toBeVisible();

  await context.setOffline(false);
  await expect(again.getByTestId("quality-card").getByTestId("waiting-mark")).toBeHidden({ timeout: 20_000 });

  const { context: other, page: otherPage } = await phoneSignedIn(browser, MANAGEMENT);
  await otherPage.goto(url);
  const seen = otherPage.getByTestId("quality-card");
  await expect(seen.getByTestId("card-light")).toHaveText("Punainen – vaikea tilanne");
  await expect(seen.getByTestId("card-summary")).toHaveText(TEXT);
  // Management reads the card; only the director edits it.
  await expect(otherPage.getByTestId("edit-card")).toHaveCount(0);
  await other.close();
});
