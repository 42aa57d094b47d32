import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, signIn } from "./helpers";

// Issue 17, item 4: "Avaa laatukortti" opens the card the account page shows (last month's,
// until this month's is begun), offers to start this month's from it, and the send to
// management sits by the card's save.
test("a director opens the card the account page shows, starts this month's from it and sends it", async ({ page }) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await page.locator("a.account-row", { hasText: "Zenit Kiinteistörahasto" }).click();
  await expect(page.getByTestId("account-name")).toBeVisible();
  await hydrated(page);
  await expect(page.getByTestId("quality-card")).toContainText("10/2026");

  await page.getByTestId("open-card").click();
  await expect(page).toHaveURL(/laatukortti\?kausi=2026-10$/);
  await hydrated(page);
  await expect(page.getByTestId("no-card")).toHaveCount(0);
  await expect(page.getByTestId("card-page-title")).toContainText("Zenit");

  await page.getByTestId("start-this-month").click();
  await expect(page).toHaveURL(/laatukortti\?kausi=2026-11$/);
  await hydrated(page);
  const summary = page.getByTestId("card-summary-input");
  await expect(summary).not.toHaveValue("");
  await page.getByTestId("save-card").click();
  await expect(page.getByTestId("card-saved")).toContainText("lähetetty", { timeout: 20_000 });

  // Saved: the send is right below the save, not a long scroll away.
  const save = await page.getByTestId("save-card").boundingBox();
  const send = await page.getByTestId("submit-card").boundingBox();
  expect(save && send).toBeTruthy();
  expect(send!.y).toBeGreaterThan(save!.y);
  expect(send!.y - save!.y).toBeLessThan(400);
});
