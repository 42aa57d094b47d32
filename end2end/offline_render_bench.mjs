// Offline rendering benchmark in Debian's Chromium at 360×740: time from navigation to a rendered
// clock with the network off, (a) reloading the page (service worker + IndexedDB overlay) and
// (b) moving from the account list to the account inside the app (read from IndexedDB).
// Needs a running server (default http://127.0.0.1:3000, e.g. `make run`):
//   cd end2end && node offline_render_bench.mjs
import { chromium } from "@playwright/test";

const base = process.env.KAMU_URL ?? "http://127.0.0.1:3000";
const runs = Number(process.env.RUNS ?? 7);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fi-FI" });
const page = await context.newPage();
await page.goto(`${base}/kirjaudu`);
await page.waitForSelector("html[data-hydrated=true]");
await page.getByLabel("Sähköposti").fill(process.env.EMAIL ?? "asiakkuusjohtaja@kamu.example");
await page.getByLabel("Salasana").fill("kamu2026");
await page.getByRole("button", { name: "Kirjaudu" }).click();
await page.waitForURL(`${base}/`);
// The biggest of the person's accounts.
const rows = page.locator("a.account-row");
await rows.first().waitFor();
await rows.first().click();
await page.locator("[data-testid=clock] li.event:visible").first().waitFor(); // past months fold away
const url = page.url();
await page.waitForFunction(async () => !!(await caches.match(location.href)));
await page.waitForFunction(() => new Promise((ok) => {
  const r = indexedDB.open("kamu");
  r.onsuccess = () => { const c = r.result.transaction("accounts").objectStore("accounts").count(); c.onsuccess = () => ok(c.result > 0); };
  r.onerror = () => ok(false);
}));
await page.goto(`${base}/`);
await page.waitForSelector("html[data-hydrated=true]");
await context.setOffline(true);

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const reload = [];
for (let i = 0; i < runs; i++) {
  const t = Date.now();
  await page.goto(url);
  await page.waitForSelector("html[data-hydrated=true]");
  await page.locator("[data-testid=clock] li.event:visible").first().waitFor(); // past months fold away
  reload.push(Date.now() - t);
}
const inApp = [];
for (let i = 0; i < runs; i++) {
  await page.goto(`${base}/`);
  await page.waitForSelector("html[data-hydrated=true]");
  await page.locator("a.account-row").first().waitFor();
  const t = Date.now();
  await page.locator("a.account-row").first().click();
  await page.locator("[data-testid=clock] li.event:visible").first().waitFor(); // past months fold away
  inApp.push(Date.now() - t);
}
const events = await page.locator("[data-testid=clock] li.event").count();
console.log(`offline, ${events} clock rows: reload to rendered clock median ${median(reload)} ms (${reload.join(", ")})`);
console.log(`offline, in-app navigation list → account (IndexedDB): median ${median(inApp)} ms (${inApp.join(", ")})`);
await browser.close();
