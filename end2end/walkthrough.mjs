// The three field jobs of issue 17 at 360×740, counting taps and taking a screenshot after each
// step, for a human to look at (end2end/screenshots/walk-*.png). Not a test: the browser tests
// check the behaviour; this shows it.
// Usage (with a server on KAMU_URL, default http://127.0.0.1:3000, demo data): node walkthrough.mjs
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const base = process.env.KAMU_URL ?? "http://127.0.0.1:3000";
mkdirSync("screenshots", { recursive: true });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});

async function job(name, email, steps) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fi-FI" });
  const page = await context.newPage();
  await page.goto(`${base}/kirjaudu`);
  await page.waitForSelector("html[data-hydrated=true]");
  await page.getByLabel("Sähköposti").fill(email);
  await page.getByLabel("Salasana").fill("kamu2026");
  await page.getByRole("button", { name: "Kirjaudu" }).click();
  await page.waitForURL(`${base}/`);
  await page.waitForSelector("a.account-row");
  let taps = 0;
  let shot = 0;
  const tap = async (locator, what) => {
    await locator.click();
    taps += 1;
    await page.waitForTimeout(400);
    shot += 1;
    await page.screenshot({ path: `screenshots/walk-${name}-${shot}.png` });
    console.log(`${name}: tap ${taps}: ${what}`);
  };
  await steps(page, tap);
  console.log(`${name}: ${taps} taps`);
  await context.close();
}

// 1. A supervisor reads what was agreed at their site and marks this month's visit done.
await job("supervisor", "esimies@kamu.example", async (page, tap) => {
  // Find (without counting) an account of theirs with a visit still to do this month.
  const hrefs = await page.locator("a.account-row").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  let target = hrefs[0];
  for (const href of hrefs) {
    await page.goto(base + href);
    await page.waitForSelector("html[data-hydrated=true]");
    if (await page.locator("[data-testid=for-me] li.event.status-planned").count()) { target = href; break; }
  }
  await page.goto(base + "/");
  await page.waitForSelector("a.account-row");
  await tap(page.locator(`a.account-row[href="${target}"]`), "open the account");
  await page.waitForSelector("html[data-hydrated=true]");
  const visit = page.locator("[data-testid=for-me] li.event.status-planned").first();
  await tap(visit.getByTestId("edit-event"), "open the visit (agreed notes are above it)");
  await tap(visit.locator("label.choice", { hasText: "Tehty" }), "choose Tehty");
  await tap(visit.getByTestId("save-event"), "save");
});

// 2. A director adds a meeting and turns the card yellow.
await job("director", "asiakkuusjohtaja@kamu.example", async (page, tap) => {
  await tap(page.locator("a.account-row").nth(2), "open the account");
  await page.waitForSelector("html[data-hydrated=true]");
  await tap(page.getByTestId("add-event"), "add an event");
  await page.getByTestId("new-kind").selectOption("customer_meeting");
  await page.getByTestId("new-first").fill("2026-12-03");
  await tap(page.getByTestId("save-new-event"), "save the meeting (kind chosen, date typed)");
  await tap(page.getByTestId("edit-card"), "open the card editor");
  await tap(page.getByTestId("card-light-yellow"), "choose yellow");
  await page.getByTestId("card-summary-input").fill("Joulukuun palaveri sovittu, kaksi reklamaatiota käsittelyssä.");
  await tap(page.getByTestId("save-card"), "save the card (description typed)");
});

// 3. Management finds the reds and gives an instruction.
await job("management", "johtoryhma@kamu.example", async (page, tap) => {
  await tap(page.getByTestId("nav-portfolio"), "Salkku tab");
  await tap(page.getByTestId("count-red"), "show the reds");
  await tap(page.locator("[data-testid=portfolio-row] a").first(), "open the first red card");
  await page.waitForSelector("html[data-hydrated=true]");
  await page.getByTestId("comment-input").fill("Korjaussuunnitelma johtoryhmälle perjantaihin mennessä.");
  await tap(page.getByTestId("send-instruction"), "send as an instruction (text typed)");
});

await browser.close();
