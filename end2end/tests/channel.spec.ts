import { expect, Locator, test } from "@playwright/test";
import { DIRECTOR, hydrated, phoneSignedIn, signIn, SUPERVISOR } from "./helpers";

const BULLETIN = "Kulkuavaimet vaihtuvat maanantaina – palauta vanhat avaimet vahtimestarille";

/** "Ei vielä kuitannut: 7" → 7. */
async function notYet(card: Locator): Promise<number> {
  const text = (await card.getByTestId("not-yet-summary").textContent()) ?? "";
  return Number(text.replace(/\D+/g, ""));
}

// Account 1 is the demo director's, and the demo supervisor runs its first site.
test("the director posts an urgent bulletin; the supervisor's inbox shows it and it is acknowledged offline; after sync the director's not-yet list shrinks by one", async ({
  browser,
  page,
}) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/asiakkuus/1/kanava");
  await hydrated(page);
  await expect(page.getByTestId("etiquette")).toContainText("@maininta");

  await page.locator("label", { has: page.getByTestId("kind-bulletin") }).click();
  await page.getByTestId("urgency-urgent").check();
  await page.getByTestId("post-body").fill(BULLETIN);
  await page.getByTestId("post-send").click();
  await expect(page.getByTestId("post-saved")).toBeVisible();
  const urgent = page.getByTestId("urgent").filter({ hasText: BULLETIN });
  await expect(urgent).toBeVisible();
  // Sent: the waiting mark goes and the acknowledgement follow-up appears.
  await expect(urgent.getByTestId("post-waiting")).toHaveCount(0, { timeout: 20_000 });
  await expect(urgent.getByTestId("ack-count")).toBeVisible({ timeout: 20_000 });
  const before = await notYet(urgent);
  expect(before).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/channel-director-360.png", fullPage: true });

  // The supervisor's phone: the inbox shows it, with an unread count.
  const { context: phone, page: sup } = await phoneSignedIn(browser, SUPERVISOR);
  await hydrated(sup);
  await sup.getByTestId("nav-inbox").click();
  const item = sup.getByTestId("inbox-item").filter({ hasText: BULLETIN });
  await expect(item).toBeVisible();
  await hydrated(sup);
  await expect(sup.getByTestId("unread-count")).toBeVisible({ timeout: 20_000 });
  await sup.screenshot({ path: "test-results/channel-inbox-360.png", fullPage: true });

  // No network on site: the acknowledgement is saved on the phone and waits.
  await phone.setOffline(true);
  await item.getByTestId("inbox-acknowledge").click();
  await expect(item.getByTestId("ack-waiting")).toBeVisible();
  await sup.screenshot({ path: "test-results/channel-ack-offline-360.png", fullPage: true });

  // Back online: the sync engine sends it.
  await phone.setOffline(false);
  await expect(item.getByTestId("ack-waiting")).toHaveCount(0, { timeout: 30_000 });
  await expect(item.getByTestId("inbox-acknowledged")).toBeVisible();

  // The director's list of those not yet acknowledged is one shorter.
  await page.reload();
  await hydrated(page);
  const after = page.getByTestId("urgent").filter({ hasText: BULLETIN });
  await expect(after.getByTestId("ack-count")).toBeVisible();
  expect(await notYet(after)).toBe(before - 1);
  await page.screenshot({ path: "test-results/channel-after-ack-360.png", fullPage: true });
  await phone.close();
});
