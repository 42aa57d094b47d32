import { expect, Locator, Page } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, pageKeptOffline, phoneSignedIn, signIn, SUPERVISOR } from "./helpers";

const BULLETIN =
  "Kulkuavaimet vaihtuvat maanantaina – palauta vanhat avaimet vahtimestarille perjantaihin klo 14 mennessä. " +
  "Uudet avaimet saa kohteen esimieheltä kuittausta vastaan; kadonneesta avaimesta ilmoitetaan heti " +
  "asiakkuusjohtajalle, koska lukitus on silloin sarjoitettava uudelleen.";

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
  // Asked to acknowledge it, the supervisor first reads it whole: nothing is cut with "…".
  const body = item.getByTestId("inbox-body");
  expect(await body.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await expect(body).toHaveText(BULLETIN);
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

/** Waits until the device's copy of account 1's channel holds `text`. */
async function channelOnDeviceHas(page: Page, text: string) {
  await page.waitForFunction(
    (wanted) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open("kamu");
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("channels")) return resolve(false);
          const get = db.transaction("channels").objectStore("channels").get("1");
          get.onsuccess = () => resolve(typeof get.result === "string" && get.result.includes(wanted));
          get.onerror = () => resolve(false);
        };
      }),
    text,
    { timeout: 20_000 },
  );
}

test("a supervisor reads the channel on site without network and asks a question that is sent when the network returns", async ({
  context,
  page,
}) => {
  const first = `Onko ${Date.now()} kohteen ovikoodi vaihtunut?`;
  const offline = `Saako jätekatoksen ${Date.now()} avaimen vahtimestarilta?`;
  await signIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/asiakkuus/1/kanava");
  await hydrated(page);
  await page.getByTestId("post-body").fill(first);
  await page.getByTestId("post-send").click();
  const sent = page.getByTestId("post").filter({ hasText: first });
  await expect(sent).toBeVisible();
  await expect(sent.getByTestId("post-waiting")).toHaveCount(0, { timeout: 20_000 });
  await pageKeptOffline(page);
  await channelOnDeviceHas(page, first);

  // No network: the page and its posts come from the device.
  await context.setOffline(true);
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("post").filter({ hasText: first })).toBeVisible();

  // A question written offline waits on the phone, marked as waiting.
  await page.getByTestId("post-body").fill(offline);
  await page.getByTestId("post-send").click();
  await expect(page.getByTestId("post-saved")).toBeVisible();
  const waiting = page.getByTestId("post").filter({ hasText: offline });
  await expect(waiting.getByTestId("post-waiting")).toBeVisible();
  await page.screenshot({ path: "test-results/channel-offline-question-360.png", fullPage: true });

  // Back online, the sync engine sends it; the server has it.
  await context.setOffline(false);
  await expect(waiting.getByTestId("post-waiting")).toHaveCount(0, { timeout: 30_000 });
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("post").filter({ hasText: offline })).toBeVisible();
});
