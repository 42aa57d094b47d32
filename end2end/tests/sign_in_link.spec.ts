import { expect } from "@playwright/test";
import { test } from "./accessible";
import { ADMIN, hydrated, signIn } from "./helpers";

const NEW_NAME = "Uusi Linkkiesimies";
const NEW_EMAIL = "linkki.esimies@kamu.example";
const PASSWORD = "ikkunat-pestään-torstaina";

// The whole way in for a supervisor Kamu has never seen: the billing system's file brings them
// in with a new site, the admin makes them a sign-in link, and on their phone they open it,
// choose a password and see the account of their site.
test("a supervisor added by the site import gets in with a one-time link the admin made", async ({ browser, page }) => {
  // A whole import (the export of every site, checked and applied) and two phones.
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/hallinta/kohteet");
  await hydrated(page);

  // Today's sites as Kamu has them, plus one new site run by a new person.
  await page.getByTestId("sites-current").click();
  const text = page.getByTestId("sites-text");
  await expect(text).not.toHaveValue("");
  const lines = (await text.inputValue()).trim().split("\n");
  const sep = lines[0].includes(";") ? ";" : ",";
  // A site of demo account 99: every 25th demo account is confidential, and there a new
  // supervisor would rightly see nothing (named members only).
  const last = lines.map((l) => l.split(sep)).filter((f) => f[4] === "99").pop()!;
  const nextId = Math.max(...lines.slice(1).map((l) => Number(l.split(sep)[0]) || 0)) + 1;
  const added = [String(nextId), "Linkkitesti kohde", "Testikatu 1", last[3], last[4], last[5], NEW_NAME, NEW_EMAIL, last[8]];
  await page.locator("details", { has: text }).locator("summary").click();
  await text.fill([...lines, added.join(sep)].join("\n"));
  await page.getByTestId("sites-preview").click();
  const plan = page.getByTestId("sites-plan");
  await expect(plan).toContainText("1 uutta kohdetta");
  await expect(plan).toContainText("1 uutta henkilöä");
  await page.getByTestId("sites-apply").click();
  await expect(page.getByTestId("sites-applied")).toBeVisible();
  // The import is listed with whose access it moved: the newcomer gained the account.
  const record = page.getByTestId("import-record").first();
  await expect(record.getByTestId("import-counts")).toContainText("+1 / −0");
  await record.locator("summary").click();
  await expect(record.getByTestId("access-change")).toContainText(`${NEW_NAME} sai pääsyn: ${last[5]}`);
  await page.screenshot({ path: "test-results/sites-history-360.png", fullPage: true });

  // The result points to the people page, where the newcomer is listed as unable to sign in.
  await page.getByTestId("sites-people-added").getByRole("link").click();
  await expect(page).toHaveURL(/\/hallinta\/henkilot$/);
  await hydrated(page);
  await page.getByTestId("people-search").fill("linkki.esimies");
  const row = page.getByTestId("person-row").filter({ hasText: NEW_NAME });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("no-password")).toBeVisible();
  await row.getByTestId("make-link").click();
  const made = row.getByTestId("link-made");
  await expect(made).toContainText(/viimeistään \d{1,2}\.\d{1,2}\.20\d\d/);
  const url = await made.getByTestId("link-url").inputValue();
  expect(url).toMatch(/\/aseta-salasana\/[0-9a-f]{64}$/);
  await made.getByTestId("link-copy").click();
  await expect(made.getByRole("status")).toBeVisible();
  await page.screenshot({ path: "test-results/people-admin-360.png", fullPage: true });

  // The newcomer's phone opens the link.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fi-FI" });
  const sup = await phone.newPage();
  await sup.goto(url);
  await expect(sup.getByTestId("link-greeting")).toContainText(NEW_NAME);
  await hydrated(sup);
  await sup.getByTestId("new-password").fill(PASSWORD);
  await sup.getByTestId("new-password-again").fill("ikkunat-pestään-perjantaina");
  await sup.getByTestId("set-password").click();
  await expect(sup.getByTestId("password-error")).toContainText("eivät ole samat");
  await sup.screenshot({ path: "test-results/set-password-360.png", fullPage: true });
  await sup.getByTestId("new-password-again").fill(PASSWORD);
  await sup.getByTestId("set-password").click();

  // Signed in: the account of the new site is theirs to see.
  await expect(sup).toHaveURL(/\/$/);
  await expect(sup.locator("a.account-row").filter({ hasText: last[5].replace(/^"|"$/g, "") })).toHaveCount(1);

  // The link worked once.
  await sup.goto(url);
  await expect(sup.getByTestId("link-problem")).toContainText("jo käytetty");
  await phone.close();

  // The admin's list of people who cannot sign in no longer has them.
  await page.reload();
  await hydrated(page);
  await page.getByTestId("people-search").fill("linkki.esimies");
  await expect(page.getByTestId("people-count")).toContainText("0");
});
