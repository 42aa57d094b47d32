import { expect, Page } from "@playwright/test";

export const DEMO_PASSWORD = "kamu2026";
export const SUPERVISOR = "esimies@kamu.example";
export const DIRECTOR = "asiakkuusjohtaja@kamu.example";

/** Waits until the wasm has hydrated the page, so clicks reach Rust code. */
export async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/kirjaudu");
  await hydrated(page);
  await page.getByLabel("Sähköposti").fill(email);
  await page.getByLabel("Salasana").fill(password);
  await page.getByRole("button", { name: "Kirjaudu" }).click();
}

/** Waits until the service worker has kept the current page for offline use. */
export async function pageKeptOffline(page: Page) {
  await page.waitForFunction(async () => !!(await caches.match(location.href)), null, {
    timeout: 20_000,
  });
}
