import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, signIn } from "./helpers";

// Feedback tells the truth: "sent" once the server has an edit, "waiting for the network" only
// when there is none, never "saved on the device" while online.
test("a director saves the card online and is told it was sent, adds a meeting offline and is told it waits, and it goes as soon as the network returns", async ({
  context,
  page,
}) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  // The director's third account: the other tests' first account keeps its card as they expect.
  await page.locator("a.account-row").nth(2).click();
  await expect(page.getByTestId("account-name")).toBeVisible();
  await hydrated(page);

  // Online: the card's save says saved and sent.
  await page.getByTestId("edit-card").click();
  await page.getByTestId("card-light-yellow").check();
  await page
    .getByTestId("card-summary-input")
    .fill("Siivousjälki vaihtelee Espoon kohteissa, lisäkoulutus sovittu joulukuulle");
  await page.getByTestId("save-card").click();
  const cardNote = page.getByTestId("card-saved");
  await expect(cardNote).toHaveText("Tallennettu ja lähetetty.");
  await expect(cardNote).toHaveAttribute("data-delivery", "Sent");
  // The form folded away above it: the new card and this note are on screen, not the wheel.
  await expect(cardNote).toBeInViewport();
  await expect(page.getByTestId("quality-card")).toBeInViewport();
  await expect(page.getByTestId("sync-waiting")).toHaveCount(0);
  await page.screenshot({ path: "test-results/card-sent-360.png" });

  // Offline: a new meeting is kept on the phone and the note says it waits for the network.
  await context.setOffline(true);
  // A day of the first month on screen: this one (the months before it are folded away).
  const firstMonth = await page.locator("ol.clock > li.month").first().getAttribute("id");
  const [, y, m] = firstMonth!.match(/kk-(\d+)-(\d+)/)!;
  await page.getByTestId("add-event").click();
  await page.getByTestId("new-kind").selectOption("customer_meeting");
  await page.getByTestId("new-title").fill("Kuukausipalaveri");
  await page.getByTestId("new-first").fill(`${y}-${m.padStart(2, "0")}-20`);
  await page.getByTestId("save-new-event").click();
  const newNote = page.getByTestId("new-saved");
  await expect(newNote).toContainText("1 tapahtuma lisätty.");
  await expect(newNote).toContainText("odottaa verkkoa");
  await expect(page.getByTestId("sync-waiting")).toHaveText("1 muutos odottaa lähetystä");
  await page.screenshot({ path: "test-results/event-waiting-360.png" });

  // The network returns, but its first request fails (a weak signal at the door): it is
  // still sent within seconds, not at the next minute's sync, and the same note says so.
  let failed = 0;
  await page.route("**/api/**", (route) => {
    if (failed < 1) {
      failed += 1;
      return route.abort("internetdisconnected");
    }
    return route.continue();
  });
  await context.setOffline(false);
  await expect(newNote).toHaveAttribute("data-delivery", "Sent", { timeout: 8_000 });
  expect(failed).toBe(1);
  await expect(newNote).toContainText("Tallennettu ja lähetetty.");
  await expect(newNote).not.toContainText("odottaa");
});
