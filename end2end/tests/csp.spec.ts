import { expect } from "@playwright/test";
import { test } from "./accessible";
import { ADMIN, DIRECTOR, hydrated, signIn } from "./helpers";

// Every main page runs under Kamu's content security policy: the wasm compiles, the hydration
// script runs (it carries the page's nonce), the service worker registers, and the browser
// reports no blocked script, style, image or connection.
test("every main page hydrates under the CSP with nothing blocked", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });

  await page.goto("/kirjaudu");
  await hydrated(page);
  const csp = (await page.request.get("/kirjaudu")).headers()["content-security-policy"];
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).toContain("'nonce-");

  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await page.locator("a.account-row").first().click();
  await expect(page.getByTestId("account-name")).toBeVisible();
  const account = page.url().split("/asiakkuus/")[1].split(/[/?#]/)[0];
  for (const path of [
    `/asiakkuus/${account}`,
    `/asiakkuus/${account}/laatukortti`,
    `/asiakkuus/${account}/kanava`,
    "/saapuneet",
    "/omat",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await hydrated(page);
  }
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });

  // The admin pages too.
  await page.context().clearCookies();
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/$/);
  for (const path of ["/salkku", "/hallinta", "/hallinta/kohteet", "/hallinta/henkilot"]) {
    await page.goto(path);
    await hydrated(page);
  }
  expect(violations).toEqual([]);
});
