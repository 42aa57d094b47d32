import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, SUPERVISOR, hydrated, signIn } from "./helpers";

// Issue 19: anyone in the company finds whom to contact about any account, from the A–Ö list,
// on a phone: the account's KAM on its line, and a tap away the team's phone and e-mail.
test("a supervisor finds whom to contact about an account that is not theirs", async ({ page }) => {
  await signIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  const own = await page.getByTestId("account-count").textContent();

  await page.getByTestId("open-support").click();
  await expect(page).toHaveURL(/\/tuki$/);
  await expect(page).toHaveTitle("Keneen ottaa yhteyttä – Kamu");
  const accounts = page.getByTestId("support-account");
  // More accounts than the supervisor's own: the directory is for everyone.
  expect(await accounts.count()).toBeGreaterThan(Number(own?.match(/\d+/)?.[0] ?? 0));
  const first = accounts.first();
  await expect(first.getByTestId("support-kam")).not.toBeEmpty();
  const name = (await first.locator("strong").textContent()) ?? "";
  await page.screenshot({ path: "test-results/support-list-360.png", fullPage: false });
  await first.locator("a").click();
  await expect(page).toHaveURL(/\/tuki\/\d+$/);
  await expect(page.locator("h1")).toHaveText(name);
  await expect(page).toHaveTitle(`${name}: keneen ottaa yhteyttä – Kamu`);
  const kam = page.getByTestId("support-team").getByTestId("support-contact").first();
  await expect(kam).toContainText("Asiakkuusjohtaja (KAM)");
  await expect(kam.locator("a[href^='tel:']")).toBeVisible();
  await expect(kam.locator("a[href^='mailto:']")).toBeVisible();
  // Below the team: the leads of each region the account has sites in.
  const region = page.getByTestId("support-region").first();
  await expect(region.locator("h3")).not.toBeEmpty();
  await expect(region.getByTestId("support-contact").first()).toContainText("palvelu alueen kohteissa");

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/support-360.png", fullPage: false });

  await page.getByTestId("lang-switch").selectOption("en");
  await expect(page.getByTestId("support-team")).toContainText("Account director (KAM)");
  await page.getByTestId("lang-switch").selectOption("fi");
  await expect(page.getByTestId("support-team")).toContainText("Asiakkuusjohtaja (KAM)");

  // Back to the list, which is the same for the next question.
  await page.locator(".back-link").click();
  await expect(page).toHaveURL(/\/tuki$/);
  await expect(page.locator("h1")).toHaveText("Keneen ottaa yhteyttä");
});

// The KAM names a business-area lead on a phone; once sent, everyone sees them right after the
// KAM, with what they answer for.
test("the KAM names a helper who answers for a business area", async ({ page }) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  const href = await page.locator("a.account-row").nth(2).getAttribute("href");
  const id = href!.match(/\d+$/)![0];
  await page.goto(`/tuki/${id}`);
  await hydrated(page);

  const form = page.getByTestId("helper-new");
  await form.locator("summary").click();
  const person = form.getByLabel("Henkilö");
  const chosen = await person.locator("option").nth(1).textContent();
  await person.selectOption({ index: 1 });
  await form.getByLabel("Tehtävä").selectOption({ label: "Liiketoiminta-alueen vetäjä" });
  await form.getByLabel("Vastaa mistä").fill("ruokapalvelut");
  await page.screenshot({ path: "test-results/support-helper-form-360.png", fullPage: false });
  await form.getByTestId("doc-save").click();

  await expect(page.getByTestId("doc-saved")).toHaveAttribute("data-delivery", "Sent", { timeout: 20_000 });
  const helper = page
    .getByTestId("support-team")
    .getByTestId("support-contact")
    .filter({ hasText: "Liiketoiminta-alueen vetäjä: ruokapalvelut" });
  await expect(helper).toHaveCount(1, { timeout: 10_000 });
  await expect(helper).toContainText(chosen!.trim());
  await expect(helper.locator("a[href^='mailto:']")).toBeVisible();
  await expect(page.getByTestId("support-helper").filter({ hasText: chosen!.trim() })).not.toHaveCount(0);
});
