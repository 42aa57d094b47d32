// Render benchmark for the annual clock (run by bench/clock_render.sh, which prepares the data):
// times in Debian's Chromium at 360×740 for an account's page with wheel and list, and the SVG
// element count. Each run is a fresh navigation with the browser's caches warm.
import { chromium } from "@playwright/test";

const base = process.env.KAMU_URL ?? "http://127.0.0.1:3000";
const account = process.env.ACCOUNT ?? "1";
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
await page.getByLabel("Sähköposti").fill("admin@kamu.example");
await page.getByLabel("Salasana").fill("kamu2026");
await page.getByRole("button", { name: "Kirjaudu" }).click();
await page.waitForURL(`${base}/`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const painted = [], interactive = [], hideRing = [];
for (let i = 0; i < runs; i++) {
  const t = Date.now();
  await page.goto(`${base}/asiakkuus/${account}`);
  // Server-rendered wheel and list are on screen (readable before the wasm arrives).
  await page.waitForSelector("[data-testid=clock-wheel] g.folded");
  painted.push(Date.now() - t);
  await page.waitForSelector("html[data-hydrated=true]");
  interactive.push(Date.now() - t);
  // A redraw of the whole wheel in the browser: hide the visits ring and show it again.
  const t2 = Date.now();
  await page.getByTestId("ring-visits").uncheck();
  await page.waitForFunction(() => !document.querySelector("[data-testid=clock-wheel] g.folded"));
  await page.getByTestId("ring-visits").check();
  await page.waitForSelector("[data-testid=clock-wheel] g.folded");
  hideRing.push(Date.now() - t2);
}
const counts = await page.evaluate(() => ({
  svg: document.querySelectorAll("[data-testid=clock-wheel] svg *").length,
  dom: document.querySelectorAll("*").length,
  rows: document.querySelectorAll("[data-testid=clock] li.event").length,
}));
const visits = await page.locator("[data-testid=clock-wheel] g.folded title").allTextContents();
console.log(`wheel + list, account ${account}: ${visits.length} folded visit marks (${visits.slice(0, 3).join(", ")} …)`);
console.log(`elements: ${counts.svg} in the wheel's SVG, ${counts.dom} in the whole page, ${counts.rows} list rows`);
console.log(`navigation → wheel on screen (server-rendered): median ${median(painted)} ms (${painted.join(", ")})`);
console.log(`navigation → interactive (hydrated):            median ${median(interactive)} ms (${interactive.join(", ")})`);
console.log(`hide + show the visits ring (two redraws):      median ${median(hideRing)} ms (${hideRing.join(", ")})`);
await browser.close();
