import { expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { test } from "./accessible";
import { DIRECTOR, hydrated, signIn, SUPERVISOR } from "./helpers";

// The test server sends e-mail to a local SMTP server (playwright.config.ts), so the channel
// offers the e-mail choices.

/** What the server stored for a post: read from its database file, as an admin would. */
function storedEmailMinutes(body: string): number | null {
  const out = execFileSync("python3", [
    "-c",
    "import sqlite3,sys;r=sqlite3.connect('file:../target/e2e.db?mode=ro',uri=True)" +
      ".execute('SELECT email_after_minutes FROM channel_posts WHERE body=?',(sys.argv[1],)).fetchone();" +
      "print('none' if r is None or r[0] is None else r[0])",
    body,
  ]).toString().trim();
  return out === "none" ? null : Number(out);
}

test("a director chooses after how long an urgent bulletin is e-mailed to those who have not acknowledged", async ({ page }) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/asiakkuus/1/kanava");
  await hydrated(page);
  await page.locator("label", { has: page.getByTestId("kind-bulletin") }).click();
  // Only an urgent bulletin asks for acknowledgements, so only it offers the e-mail.
  await page.getByTestId("urgency-important").check();
  await expect(page.getByTestId("email-after")).toHaveCount(0);
  await page.getByTestId("urgency-urgent").check();
  const choice = page.getByTestId("email-after");
  await expect(choice).toBeVisible();
  await expect(choice.locator("option:checked")).toHaveText("4 h");
  await expect(choice.locator("option")).toHaveText(["1 h", "2 h", "4 h", "8 h", "24 h"]);
  await choice.selectOption("1");
  const text = `Hissihuolto torstaina ${Date.now()} – portaat käytössä.`;
  await page.getByTestId("post-body").fill(text);
  await page.screenshot({ path: "test-results/email-after-360.png", fullPage: false });
  await page.getByTestId("post-send").click();
  const urgent = page.getByTestId("urgent").filter({ hasText: text });
  await expect(urgent).toBeVisible();
  // Sent: the waiting mark goes, and the server has the chosen hour.
  await expect(urgent.getByTestId("post-waiting")).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(() => storedEmailMinutes(text), { timeout: 10_000 }).toBe(60);
});

test("a supervisor asks for mentions by e-mail on the inbox page, and the choice stays", async ({ page }) => {
  await signIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/saapuneet");
  await hydrated(page);
  const choice = page.getByTestId("email-mentions");
  await choice.getByRole("button", { name: "Lähetä maininnat minulle myös sähköpostilla" }).click();
  // The server keeps the choice and shows the inbox again, saying so.
  await expect(page).toHaveURL(/\/saapuneet$/);
  await hydrated(page);
  await expect(choice.getByRole("status")).toHaveText("Maininnat tulevat sinulle myös sähköpostilla.");
  await page.reload();
  await hydrated(page);
  await expect(choice.getByRole("status")).toHaveText("Maininnat tulevat sinulle myös sähköpostilla.");
  await page.screenshot({ path: "test-results/email-mentions-360.png", fullPage: false });
  await choice.getByRole("button", { name: "Lopeta mainintojen sähköpostit" }).click();
  await hydrated(page);
  await expect(choice.getByRole("status")).toHaveCount(0);
  await expect(choice.getByRole("button", { name: "Lähetä maininnat minulle myös sähköpostilla" })).toBeVisible();
});
