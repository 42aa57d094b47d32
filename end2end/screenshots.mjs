// Takes phone-width screenshots of the main pages into end2end/screenshots/ for a human to look at.
// Usage (with a server running on KAMU_URL, default http://127.0.0.1:3000): node screenshots.mjs
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const base = process.env.KAMU_URL ?? "http://127.0.0.1:3000";
const width = Number(process.env.WIDTH ?? 360);
mkdirSync("screenshots", { recursive: true });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width, height: 740 }, deviceScaleFactor: 1 });
const hydrated = () => page.waitForSelector("html[data-hydrated=true]");
await page.goto(`${base}/kirjaudu`);
await hydrated();
await page.screenshot({ path: `screenshots/${width}-1-login.png` });
await page.getByLabel("Sähköposti").fill(process.env.EMAIL ?? "asiakkuusjohtaja@kamu.example");
await page.getByLabel("Salasana").fill("kamu2026");
await page.getByRole("button", { name: "Kirjaudu" }).click();
await page.waitForURL(`${base}/`);
await page.waitForSelector("a.account-row");
await page.screenshot({ path: `screenshots/${width}-2-accounts.png` });
await page.locator("a.account-row").first().click();
await page.waitForSelector("[data-testid=account-name]");
await page.screenshot({ path: `screenshots/${width}-3-account-top.png` });
await page.getByTestId("edit-card").click();
await page.getByTestId("quality-card").scrollIntoViewIfNeeded();
await page.screenshot({ path: `screenshots/${width}-3b-card-editor.png` });
await page.getByTestId("edit-card").click();
await page.getByTestId("clock-wheel").scrollIntoViewIfNeeded();
await page.screenshot({ path: `screenshots/${width}-3c-wheel.png` });
await page.getByTestId("add-event").click();
await page.getByTestId("add-event").scrollIntoViewIfNeeded();
await page.screenshot({ path: `screenshots/${width}-3d-add-event.png` });
await page.getByTestId("add-event").click();
await page.locator("#vuosikello").scrollIntoViewIfNeeded();
await page.evaluate(() => document.querySelector("#kk-2026-11")?.scrollIntoView());
await page.locator("#kk-2026-11 details").first().evaluate((d) => (d.open = true)).catch(() => {});
await page.screenshot({ path: `screenshots/${width}-4-clock.png` });
const editable = page.locator("ul.events > li.event[data-event]").filter({ has: page.getByTestId("edit-event") }).first();
if (await editable.count()) {
  await editable.getByTestId("edit-event").click();
  await editable.getByTestId("note-input").fill("Avaimet vahtimestarilta");
  await editable.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `screenshots/${width}-4b-editor.png` });
  await editable.getByTestId("save-event").click();
  await page.waitForTimeout(1500);
  await editable.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `screenshots/${width}-4c-saved.png` });
}
await page.evaluate(() => document.querySelector("#kohteet")?.scrollIntoView());
await page.screenshot({ path: `screenshots/${width}-5-sites.png` });
await page.screenshot({ path: `screenshots/${width}-6-account-full.png`, fullPage: true });
await page.goto(`${base}/omat`);
await hydrated();
await page.screenshot({ path: `screenshots/${width}-7-my-week.png` });
await browser.close();
console.log("screenshots written");
