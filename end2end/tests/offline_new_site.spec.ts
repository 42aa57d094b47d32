// Issue 17, item 17: the field needs accounts on the phone before they are ever opened.
import { expect } from "@playwright/test";
import { test } from "./accessible";
import { hydrated, phoneSignedIn, SUPERVISOR } from "./helpers";

test("a supervisor opens an account never visited before, offline, at a new site", async ({ browser }) => {
  const { context, page } = await phoneSignedIn(browser, SUPERVISOR);
  await hydrated(page);
  const rows = page.locator("a.account-row");
  // Signing in lands on the list by in-app navigation: the list arrives a moment after.
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  const hrefs = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("href")!));

  // Right after signing in, the phone keeps every account the supervisor works on, and says so.
  const kept = page.getByTestId("kept-on-device");
  await expect(kept).toContainText(`${count} asiakkuutta sekä Omat ja Saapuneet`, { timeout: 30_000 });
  await expect(kept).toContainText(/tilaa \d+,\d \/ 50,0 Mt/);
  // …their pages too (the service worker fetches them one by one).
  await expect
    .poll(
      () =>
        page.evaluate(async (wanted) => {
          for (const href of [...wanted, "/omat", "/saapuneet"]) if (!(await caches.match(href))) return false;
          return true;
        }, hrefs),
      { timeout: 30_000 },
    )
    .toBe(true);

  // At the site, no network: the account opens, never having been opened on this phone.
  await context.setOffline(true);
  await page.goto(hrefs[count - 1]);
  await expect(page.getByTestId("account-name")).toBeVisible();
  await hydrated(page);
  await expect(page.getByTestId("offline-notice")).toBeVisible();
  const forMe = page.getByTestId("for-me");
  await expect(forMe).toBeVisible();

  // A note on this month's visit is kept on the phone, and says it waits for the network.
  const visit = forMe.locator("li.event").filter({ has: page.getByTestId("edit-event") }).first();
  const id = await visit.getAttribute("data-event");
  const row = forMe.locator(`li[data-event="${id}"]`);
  await row.getByTestId("edit-event").click();
  await row.getByTestId("note-input").fill(`Ensimmäinen käynti, ovikoodi ${Date.now() % 10000}`);
  await row.getByTestId("save-event").click();
  await expect(row.getByTestId("event-saved")).toHaveAttribute("data-delivery", "WaitingForNetwork");

  // Another never-opened account, reached inside the app, opens from the device's copy.
  await page.getByRole("link", { name: "Asiakkuudet" }).first().click();
  await page.locator(`a.account-row[href="${hrefs[0]}"]`).click();
  await expect(page.getByTestId("account-name")).toBeVisible();
  await expect(page.getByTestId("quality-card")).toBeVisible();
  await page.screenshot({ path: "test-results/offline-new-site-360.png" });

  // Back in coverage, the visit is sent by itself.
  await context.setOffline(false);
  await expect(page.getByTestId("sync-waiting")).toHaveCount(0, { timeout: 20_000 });
  await context.close();
});

test("the no-network page speaks the language chosen in the app", async ({ browser }) => {
  const { context, page } = await phoneSignedIn(browser, SUPERVISOR);
  await hydrated(page);
  await page.getByTestId("lang-switch").selectOption("sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kunder");
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.match("/__kamu/language"))?.text()) ?? ""), {
      timeout: 20_000,
    })
    .toBe("sv");
  await context.setOffline(true);
  // A page that is not kept on the device.
  await page.goto("/hallinta/henkilot");
  await expect(page.getByTestId("offline-fallback")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inget nätverk");
  await expect(page.locator("body")).not.toContainText("Ei verkkoyhteyttä");
  await context.close();
});
