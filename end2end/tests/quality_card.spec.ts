import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, MANAGEMENT, openFirstAccount, pageKeptOffline, phoneSignedIn, signIn } from "./helpers";

const SUMMARY = "Kolme kohdetta ilman esimiestä Tampereella, rekrytointi käynnissä ja sijaiset sovittu";
const RISK = "Asiakkaan kiinteistöpäällikkö vaihtuu tammikuussa";
const INSTRUCTION = "Tuo korjaussuunnitelma joulukuun johtoryhmään ja varmista sijaiset";

test("a director drafts and sends a red card from a phone; management sees it first in the portfolio and instructs; the director acknowledges", async ({
  browser,
  context,
  page,
}) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await openFirstAccount(page);
  const account = (await page.getByTestId("account-name").textContent())!.trim();

  await page.getByTestId("open-card").click();
  await expect(page.getByTestId("card-page-title")).toHaveText(account);
  await hydrated(page);

  // The whole card on a phone: light, its explanation, typed figures and what management must know.
  await page.getByTestId("card-light-red").check();
  await page.getByTestId("card-summary-input").fill(SUMMARY);
  await page.getByTestId("card-figure-complaints").fill("5");
  await page.getByTestId("card-figure-satisfaction").fill("150");
  await page.getByTestId("save-card").click();
  // A figure out of its range is refused, with its name.
  await expect(page.getByTestId("card-problem")).toContainText("Asiakastyytyväisyys");
  await page.getByTestId("card-figure-satisfaction").fill("64");
  await page.getByTestId("card-direction-down").check();
  await page.getByTestId("card-text-risks").fill(RISK);
  await page.getByTestId("save-card").click();
  await expect(page.getByTestId("card-saved")).toBeVisible();

  const sheet = page.getByTestId("card-sheet");
  await expect(sheet.getByTestId("sheet-light")).toContainText("Punainen");
  await expect(sheet.getByTestId("sheet-summary")).toHaveText(SUMMARY);
  await expect(sheet.getByTestId("sheet-text-risks")).toHaveText(RISK);
  await expect(sheet.getByTestId("figure-complaints")).toContainText("5");
  // Visits come from the clock, never typed.
  await expect(sheet.getByTestId("figure-visits")).toContainText("/");
  // Kamu's suggestion explains itself rule by rule.
  await expect(page.getByTestId("verdict-complaints")).toBeVisible();

  // Sending waits until the draft has reached the server, then freezes the card.
  await expect(page.getByTestId("submit-card")).toBeEnabled({ timeout: 20_000 });
  await page.getByTestId("submit-card").click();
  await expect(page.getByTestId("card-state")).toHaveText("Lähetetty johtoryhmälle");
  await expect(page.getByTestId("save-card")).toHaveCount(0);
  await expect(page.getByTestId("correct-card")).toBeVisible();
  await page.screenshot({ path: "test-results/card-sent-360.png", fullPage: true });

  // Management: the red card is first in the month's portfolio.
  const { context: other, page: mgmt } = await phoneSignedIn(browser, MANAGEMENT);
  await mgmt.getByTestId("portfolio-link").click();
  await expect(mgmt.getByTestId("portfolio-row").first()).toBeVisible();
  await hydrated(mgmt);
  await expect(mgmt.getByTestId("portfolio-name").first()).toHaveText(account);
  await expect(mgmt.getByTestId("portfolio-state").first()).toHaveText("Lähetetty johtoryhmälle");
  await expect(mgmt.getByTestId("count-red")).toContainText("1");
  await mgmt.screenshot({ path: "test-results/portfolio-360.png", fullPage: true });
  await mgmt.getByTestId("portfolio-row").first().locator("a").click();
  await expect(mgmt.getByTestId("card-page-title")).toHaveText(account);
  await hydrated(mgmt);
  // Management reads, never edits, the director's card; it instructs.
  await expect(mgmt.getByTestId("save-card")).toHaveCount(0);
  await mgmt.getByTestId("comment-input").fill(INSTRUCTION);
  await mgmt.getByTestId("send-instruction").click();
  await expect(mgmt.getByTestId("comment-text")).toHaveText(INSTRUCTION);
  await mgmt.getByTestId("review-card").click();
  await expect(mgmt.getByTestId("card-state")).toHaveText("Käsitelty");
  await other.close();

  // The director sees the instruction on the card and acknowledges it.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("comment-text")).toHaveText(INSTRUCTION);
  await page.getByTestId("acknowledge").click();
  await expect(page.getByTestId("comment-acknowledged")).toBeVisible();

  // On site with no network, the card and management's instruction still open from the phone.
  await pageKeptOffline(page);
  await context.setOffline(true);
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("card-sheet").getByTestId("sheet-summary")).toHaveText(SUMMARY);
  await expect(page.getByTestId("comment-text")).toHaveText(INSTRUCTION);
  await context.setOffline(false);
});
