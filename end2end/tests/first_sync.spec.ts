import { expect } from "@playwright/test";
import { test } from "./accessible";
import { accountKeptOnDevice, DIRECTOR, hydrated, signIn } from "./helpers";

// A director who opens an account at once after signing in does so while the phone's first
// sync is still on its way. The account kept on the phone then must still receive what changes
// after it: here, the director's own new event, which must stay on the screen once sent.
test("an account opened while the first sync is on its way still gets what changes after it", async ({ page }) => {
  let releaseFirstPull: () => void = () => {};
  const firstPullHeld = new Promise<void>((resolve) => (releaseFirstPull = resolve));
  let pulls = 0;
  await page.route("**/sync/pull", async (route) => {
    pulls += 1;
    if (pulls === 1) await firstPullHeld;
    await route.continue();
  });

  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(() => pulls).toBeGreaterThan(0);
  // The first pull is held on the wire while the account is opened and kept on the phone.
  await page.locator("a.account-row").nth(1).click();
  await expect(page.getByTestId("account-name")).toBeVisible();
  await hydrated(page);
  await accountKeptOnDevice(page);
  releaseFirstPull();
  await expect(page.getByTestId("sync-status")).toContainText("Synkronoitu klo", { timeout: 20_000 });

  const title = `Tilannekatsaus ${Date.now() % 100000}`;
  await page.getByTestId("add-event").click();
  await page.getByTestId("new-kind").selectOption("customer_meeting");
  await page.getByTestId("new-title").fill(title);
  await page.getByTestId("save-new-event").click();
  await expect(page.getByTestId("new-saved")).toContainText("lähetetty", { timeout: 20_000 });
  await expect(page.getByTestId("sync-waiting")).toHaveCount(0);
  // Sent, and the pull after the send brings it back as the server has it: it stays in the list.
  await expect(page.locator("ul.events > li.event", { hasText: title })).toHaveCount(1);
});
