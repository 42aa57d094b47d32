import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, signIn } from "./helpers";

// Issue 18: the account's contracts in order on a phone, the one in force marked from its dates
// and the day notice must be given by on top; the director corrects one where it is shown.
test("the director reads the account's contracts and corrects the notice period", async ({ page }) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  const href = await page.locator("a.account-row").first().getAttribute("href");
  await page.locator("a.account-row").first().click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await hydrated(page);
  await page.getByTestId("open-contracts").click();
  await expect(page).toHaveURL(/\/sopimukset$/);
  await expect(page.locator("h1")).toContainText("sopimukset");

  const current = page.locator("[data-testid=contract][data-current]");
  await expect(current).toHaveCount(1);
  await expect(current.locator(".status-chip")).toHaveText("Voimassa");
  await expect(current.getByTestId("contract-document")).toHaveAttribute("href", /^https:\/\/asiakirjat\.example\//);
  await expect(page.getByTestId("contract-next")).toContainText("Irtisanottava viimeistään");
  await page.screenshot({ path: "test-results/contracts-360.png", fullPage: false });

  // Three months' notice instead of six: the deadline moves three months later.
  const before = (await page.getByTestId("contract-next").textContent())!;
  const form = current.getByTestId("contract-edit");
  await form.locator("summary").click();
  await form.getByLabel("Irtisanomisaika (kk)").fill("3");
  await form.getByTestId("doc-save").click();
  await expect(page.getByTestId("doc-saved")).toHaveAttribute("data-delivery", "Sent", { timeout: 20_000 });
  await expect(page.getByTestId("contract-next")).not.toHaveText(before, { timeout: 10_000 });
  await expect(current).toContainText("3 kk");

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/contracts-edited-360.png", fullPage: true });
});
