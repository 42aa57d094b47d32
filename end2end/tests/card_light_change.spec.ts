import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, signIn } from "./helpers";

// Issue 17, item 3: this month's card starts from last month's (light and description carried
// forward, so nothing is typed twice). Turning the light yellow must not pass with last month's
// green text; a description written for the new light does.
test("a director who turns last month's green card yellow is asked to write what changed", async ({ page }) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await page.locator("a.account-row", { hasText: "Kivi Kiinteistörahasto" }).click();
  await expect(page.getByTestId("account-name")).toBeVisible();
  await hydrated(page);

  await page.getByTestId("edit-card").click();
  const summary = page.getByTestId("card-summary-input");
  const lastMonths = await summary.inputValue();
  expect(lastMonths.length).toBeGreaterThan(20);
  await page.getByTestId("card-light-yellow").check();
  await page.getByTestId("save-card").click();
  await expect(page.getByTestId("card-problem")).toContainText("Kirjoita kuvaus tälle kortille");
  await expect(page.getByTestId("sync-waiting")).toHaveCount(0);
  // What was typed and chosen stays as it was, to be corrected.
  await expect(summary).toHaveValue(lastMonths);
  await expect(page.getByTestId("card-light-yellow")).toBeChecked();

  const text = "Kaksi laatukäyntiä jäi tekemättä sairauslomien vuoksi, ne tehdään joulukuun alussa.";
  await summary.fill(text);
  await page.getByTestId("save-card").click();
  await expect(page.getByTestId("card-problem")).toHaveCount(0);
  const card = page.getByTestId("quality-card");
  await expect(card.getByTestId("card-light")).toContainText("Keltainen");
  await expect(card.getByTestId("card-summary")).toHaveText(text);
});
