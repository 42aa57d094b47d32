import { chromium, expect } from "@playwright/test";
import { test } from "./accessible";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BASE_URL, CHROMIUM_ARGS } from "../playwright.config";

// Installability needs a persistent profile: incognito contexts are never installable.
test("the app is installable: manifest, icons and service worker pass Chromium's checks", async () => {
  const profile = mkdtempSync(join(tmpdir(), "kamu-pwa-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 740 },
  });
  try {
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/kirjaudu`);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready), null, { timeout: 20_000 });
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
