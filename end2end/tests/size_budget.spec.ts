import { expect } from "@playwright/test";
import { test } from "./accessible";
import { existsSync, readFileSync, statSync } from "fs";
import path from "path";
import { brotliCompressSync, constants } from "zlib";
import { DIRECTOR, hydrated, signIn } from "./helpers";

// What each main page makes a phone download before it works, against the budget in
// size_budget.json (the one file a reviewer sees change when a page grows). Measured on a first
// visit (a new browser context: nothing cached, no service worker), release build.
const ROOT = path.resolve(__dirname, "../..");
const SITE = path.join(ROOT, "target/site");
const BUDGET = JSON.parse(readFileSync(path.join(ROOT, "size_budget.json"), "utf8"));

/** The brotli size (quality 11) of a served file: its precompressed twin when that is current. */
function brotliBytes(urlPath: string): number {
  const file = path.join(SITE, urlPath);
  const twin = `${file}.br`;
  if (existsSync(twin) && statSync(twin).mtimeMs >= statSync(file).mtimeMs) return statSync(twin).size;
  return brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

type Page = { name: string; path: string; signedIn: boolean };
const PAGES: Page[] = BUDGET.pages;

test("every main page stays within its first-load budget (script + wasm brotli, HTML raw)", async ({ browser }) => {
  test.setTimeout(180_000);
  const signInContext = await browser.newContext();
  const signInPage = await signInContext.newPage();
  await signIn(signInPage, DIRECTOR);
  await expect(signInPage).toHaveURL(/\/$/);
  const session = await signInContext.storageState();
  await signInContext.close();

  const rows: string[] = [];
  const over: string[] = [];
  for (const p of PAGES) {
    const context = await browser.newContext(p.signedIn ? { storageState: session } : {});
    const page = await context.newPage();
    const code = new Set<string>();
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (url.origin === new URL(page.url() || response.url()).origin && /\.(js|wasm)$/.test(url.pathname)) {
        code.add(url.pathname);
      }
    });
    await page.goto(p.path);
    await hydrated(page);
    const html = await page.evaluate(
      () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).decodedBodySize,
    );
    const files = [...code].filter((f) => f !== "/sw.js");
    const scriptBytes = files.reduce((sum, f) => sum + brotliBytes(f), 0);
    rows.push(`${p.name.padEnd(10)} ${p.path.padEnd(28)} ${String(scriptBytes).padStart(9)} B br  ${String(html).padStart(8)} B html  (${files.join(", ")})`);
    if (scriptBytes > BUDGET.script_wasm_brotli_bytes) {
      over.push(`${p.name} (${p.path}): script+wasm ${scriptBytes} B brotli > budget ${BUDGET.script_wasm_brotli_bytes} B`);
    }
    const htmlBudget = BUDGET.html_bytes[p.name] ?? BUDGET.html_bytes.default;
    if (html > htmlBudget) over.push(`${p.name} (${p.path}): HTML ${html} B > budget ${htmlBudget} B`);
    expect(files.length, `${p.name}: no script or wasm seen`).toBeGreaterThan(0);
    await context.close();
  }
  console.log(`first load per page (release build)\n${rows.join("\n")}`);
  expect(over, over.join("\n")).toEqual([]);
});
