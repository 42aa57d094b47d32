import { expect } from "@playwright/test";
import { test } from "./accessible";
import {
  ADMIN,
  DIRECTOR,
  editableEvents,
  firstEditableEvent,
  hydrated,
  MANAGEMENT,
  openFirstAccount,
  phoneSignedIn,
  signIn,
} from "./helpers";

test("a director edits the clock offline; the edit waits, survives closing the page, syncs by itself and others see it", async ({
  browser,
  context,
  page,
}) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await openFirstAccount(page);
  const url = page.url();

  // No network: the page still opens from the device, clock and card included.
  await context.setOffline(true);
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("offline-notice")).toBeVisible();
  await expect(page.getByTestId("quality-card")).toBeVisible();

  const row = firstEditableEvent(page);
  const eventId = await row.getAttribute("data-event");
  expect(eventId).toBeTruthy();
  const sameRow = () => page.locator(`li[data-event="${eventId}"]`);
  await row.getByTestId("edit-event").click();
  await row.getByTestId("note-input").fill("Avaimet vahtimestarilta, ovikoodi 2580");
  await row.getByTestId("save-event").click();
  await expect(sameRow().getByTestId("waiting-mark")).toBeVisible();
  await expect(sameRow().getByTestId("event-note")).toHaveText("Avaimet vahtimestarilta, ovikoodi 2580");
  await expect(page.getByTestId("sync-waiting")).toContainText("1");

  // Close the page and open it again, still offline: the edit is still there, still waiting.
  await page.close();
  const again = await context.newPage();
  await again.goto(url);
  await hydrated(again);
  const row2 = again.locator(`li[data-event="${eventId}"]`);
  await expect(row2.getByTestId("event-note")).toHaveText("Avaimet vahtimestarilta, ovikoodi 2580");
  await expect(row2.getByTestId("waiting-mark")).toBeVisible();

  // Moving around inside the app offline reads the account from the device.
  await again.getByRole("link", { name: "Asiakkuudet" }).first().click();
  await expect(again.locator("a.account-row").first()).toBeVisible();
  await again.locator("a.account-row").first().click();
  await expect(row2.getByTestId("waiting-mark")).toBeVisible();
  expect(again.url()).toBe(url);

  // Network back: it is sent without anyone pressing anything.
  await context.setOffline(false);
  await expect(row2.getByTestId("waiting-mark")).toBeHidden({ timeout: 20_000 });
  await expect(again.getByTestId("sync-status")).toContainText("Synkronoitu klo");

  // Someone else (the management team) sees the edit.
  const { context: other, page: otherPage } = await phoneSignedIn(browser, MANAGEMENT);
  await otherPage.goto(url);
  await expect(otherPage.locator(`li[data-event="${eventId}"]`).getByTestId("event-note")).toHaveText(
    "Avaimet vahtimestarilta, ovikoodi 2580",
  );
  await other.close();
});

test("two people edit the same note offline: one wins, the other sees the conflict with both values", async ({
  browser,
}) => {
  const { context: a, page: pageA } = await phoneSignedIn(browser, DIRECTOR);
  await openFirstAccount(pageA);
  const url = pageA.url();
  const eventId = await firstEditableEvent(pageA).getAttribute("data-event");

  const { context: b, page: pageB } = await phoneSignedIn(browser, ADMIN);
  await pageB.goto(url);
  await hydrated(pageB);
  await expect(pageB.locator(`li[data-event="${eventId}"]`)).toBeVisible();

  await a.setOffline(true);
  await b.setOffline(true);
  for (const [page, text] of [
    [pageA, "Johtajan huomio"],
    [pageB, "Ylläpidon huomio"],
  ] as const) {
    const row = page.locator(`li[data-event="${eventId}"]`);
    await row.getByTestId("edit-event").click();
    await row.getByTestId("note-input").fill(text);
    await row.getByTestId("save-event").click();
    await expect(row.getByTestId("waiting-mark")).toBeVisible();
  }

  // The director's edit reaches the server first and wins.
  await a.setOffline(false);
  await expect(pageA.locator(`li[data-event="${eventId}"]`).getByTestId("waiting-mark")).toBeHidden({
    timeout: 20_000,
  });
  await b.setOffline(false);
  const notice = pageB.getByTestId("notice");
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(notice.getByTestId("conflict-winning")).toHaveText("“Johtajan huomio”");
  await expect(notice.getByTestId("conflict-losing")).toHaveText("“Ylläpidon huomio”");
  // The winning value is what both now see.
  await expect(pageB.locator(`li[data-event="${eventId}"]`).getByTestId("event-note")).toHaveText(
    "Johtajan huomio",
  );
  // Dismissing the conflict makes it go away.
  await notice.getByTestId("dismiss").click();
  await expect(pageB.getByTestId("notice")).toHaveCount(0);
  await a.close();
  await b.close();
});

test("text being typed survives when a sync refreshes the clock underneath it", async ({ browser }) => {
  const { context: a, page: pageA } = await phoneSignedIn(browser, DIRECTOR);
  await openFirstAccount(pageA);
  const url = pageA.url();
  const rows = editableEvents(pageA);
  const typingId = await rows.nth(0).getAttribute("data-event");
  const otherId = await rows.nth(1).getAttribute("data-event");

  // A starts typing a note and has not saved it yet.
  const typing = pageA.locator(`li[data-event="${typingId}"]`);
  await typing.getByTestId("edit-event").click();
  await typing.getByTestId("note-input").fill("Kesken oleva ajatus");

  // Meanwhile B changes another event of the same account.
  const { context: b, page: pageB } = await phoneSignedIn(browser, ADMIN);
  await pageB.goto(url);
  await hydrated(pageB);
  const other = pageB.locator(`li[data-event="${otherId}"]`);
  await other.getByTestId("edit-event").click();
  await other.getByTestId("note-input").fill("Toisen muutos");
  await other.getByTestId("save-event").click();
  await expect(other.getByTestId("waiting-mark")).toBeHidden({ timeout: 20_000 });

  // A's device syncs (the network blinks) and the clock is redrawn with B's change...
  await a.setOffline(true);
  await a.setOffline(false);
  await expect(pageA.locator(`li[data-event="${otherId}"]`).getByTestId("event-note")).toHaveText("Toisen muutos", {
    timeout: 20_000,
  });
  // ...and A's half-typed note is still there, editor open.
  await expect(typing.getByTestId("note-input")).toHaveValue("Kesken oleva ajatus");
  await a.close();
  await b.close();
});
