import { expect } from "@playwright/test";
import { test } from "./accessible";
import { hydrated, MANAGEMENT, signIn } from "./helpers";

// Issue 17, item 8: management finds the month's reds in two taps: a Salkku tab in the bottom
// bar opens the latest month with cards sent, and the colour counts filter the list.
test("management finds the reds: the Salkku tab opens a month with cards, and tapping red shows only the reds", async ({
  page,
}) => {
  await signIn(page, MANAGEMENT);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await page.getByTestId("nav-portfolio").click();
  await expect(page).toHaveURL(/\/salkku$/);
  await hydrated(page);
  const rows = page.getByTestId("portfolio-row");
  await expect(rows.first()).toBeVisible();
  // A month that has cards sent to management, not one of drafts and blanks.
  const total = await rows.count();
  const notSent = Number((await page.getByTestId("count-not-submitted").innerText()).replace(/\D/g, ""));
  expect(notSent).toBeLessThan(total);

  const reds = Number((await page.getByTestId("count-red").innerText()).replace(/\D/g, ""));
  expect(reds).toBeGreaterThan(0);
  await page.getByTestId("count-red").click();
  await expect(rows).toHaveCount(reds);
  await expect(rows.locator(".light-red")).toHaveCount(reds);
  await expect(page.getByTestId("filter-light")).toHaveValue("red");
  await page.screenshot({ path: "test-results/portfolio-reds-360.png", fullPage: false });
  // Tapped again, every account is back.
  await page.getByTestId("count-red").click();
  await expect(rows).toHaveCount(total);
});
