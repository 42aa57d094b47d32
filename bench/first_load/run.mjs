// Lighthouse 12, mobile preset (simulated slow 4G, 4x CPU slowdown), on every main page listed in
// size_budget.json, against a running Kamu with demo data; signed in as the demo director.
// Prints one row per page. Run through bench/first_load.sh, which starts the release server.
import { readFileSync } from "node:fs";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const BASE = process.env.KAMU_BASE ?? "http://127.0.0.1:3200";
const RUNS = Number(process.env.KAMU_LH_RUNS ?? 1);
const budget = JSON.parse(readFileSync(new URL("../../size_budget.json", import.meta.url), "utf8"));

const login = await fetch(`${BASE}/api/login`, {
  method: "POST",
  redirect: "manual",
  headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
  body: "email=asiakkuusjohtaja%40kamu.example&password=kamu2026",
});
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");
if (!cookie) throw new Error(`sign-in failed: ${login.status}`);

// A new browser for every run: a first visit, with no service worker left from the page before
// (the worker's own requests would not carry the session cookie given to Lighthouse).
const launch = () =>
  chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (b) => (b / 1000).toFixed(0).padStart(6);

// Medians over RUNS Lighthouse runs of one page.
async function measure(url, headers) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const chrome = await launch();
    try {
      const { lhr } = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance"],
        extraHeaders: headers,
      });
      const items = lhr.audits["network-requests"].details.items;
      const code = items
        .filter((r) => /\.(js|wasm)$/.test(new URL(r.url).pathname) && !r.url.endsWith("/sw.js"))
        .reduce((sum, r) => sum + r.transferSize, 0);
      const html = items.find((r) => r.resourceType === "Document")?.resourceSize ?? 0;
      runs.push({
        perf: Math.round(lhr.categories.performance.score * 100),
        lcp: lhr.audits["largest-contentful-paint"].numericValue,
        tbt: lhr.audits["total-blocking-time"].numericValue,
        tti: lhr.audits["interactive"].numericValue,
        code,
        html,
      });
    } finally {
      await chrome.kill();
    }
  }
  const m = (k) => median(runs.map((r) => r[k]));
  return { perf: m("perf"), lcp: m("lcp"), tbt: m("tbt"), tti: m("tti"), code: m("code"), html: m("html") };
}

// The yardstick first (bench/empty_leptos, started by first_load.sh): each page's script+wasm is
// also given as a multiple of an empty Leptos app's, the figure that travels between machines.
const EMPTY = process.env.KAMU_EMPTY_BASE;
const empty = EMPTY ? await measure(`${EMPTY}/`, undefined) : null;
const row = (name, r) =>
  console.log(
    `${name.padEnd(10)} ${String(r.perf).padStart(5)} ${r.lcp.toFixed(0).padStart(8)} ${r.tbt.toFixed(0).padStart(8)} ${r.tti.toFixed(0).padStart(8)} ${kb(r.code)} ${empty ? `${(r.code / empty.code).toFixed(1).padStart(6)}x` : "      -"} ${kb(r.html)}`,
  );
console.log(`Lighthouse ${RUNS > 1 ? `(median of ${RUNS}) ` : ""}mobile, ${BASE}`);
console.log("page        perf   LCP ms   TBT ms   TTI ms  code KB  ÷empty  HTML KB   (code: script+wasm as sent)");
if (empty) row("empty-app", empty);
for (const page of budget.pages) {
  row(page.name, await measure(`${BASE}${page.path}`, page.signedIn ? { Cookie: cookie } : undefined));
}
