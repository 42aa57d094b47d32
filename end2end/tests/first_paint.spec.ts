import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, signIn } from "./helpers";

// Issue 15: no element painted twice by hydration. The quality card's own page opens its editor:
// the server's HTML must show it as the app shows it once started (open, the light chosen, the
// texts and figures filled). Before, `prop:` values reached only the started app, so the open
// editor appeared ~5 s late on a phone and was the page's largest paint (Lighthouse perf 48).
test("the card page's editor is painted by the server as the app shows it", async ({ page, browser }) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  const url = new URL("/asiakkuus/1/laatukortti", page.url()).href;

  // With JavaScript off: exactly what the server sent.
  const bare = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    viewport: { width: 360, height: 740 },
  });
  const sent = await bare.newPage();
  await sent.goto(url);
  await expect(sent.locator("details.card-edit")).toHaveAttribute("open", "");
  const summary = await sent.getByTestId("card-summary-input").inputValue();
  expect(summary).not.toBe("");
  const light = await sent.locator("input[name=card-light]:checked").getAttribute("value");
  expect(light).toBeTruthy();
  const texts = await sent.locator("textarea[data-testid^=card-text-]").evaluateAll((els) =>
    els.map((e) => (e as HTMLTextAreaElement).value),
  );
  const figures = await sent.locator("input[data-testid^=card-figure-]").evaluateAll((els) =>
    els.map((e) => (e as HTMLInputElement).value),
  );
  await bare.close();

  // The started app shows the same.
  await page.goto(url);
  await hydrated(page);
  await expect(page.locator("details.card-edit")).toHaveAttribute("open", "");
  await expect(page.getByTestId("card-summary-input")).toHaveValue(summary);
  await expect(page.locator("input[name=card-light]:checked")).toHaveAttribute("value", light!);
  expect(
    await page.locator("textarea[data-testid^=card-text-]").evaluateAll((els) =>
      els.map((e) => (e as HTMLTextAreaElement).value),
    ),
  ).toEqual(texts);
  expect(
    await page.locator("input[data-testid^=card-figure-]").evaluateAll((els) =>
      els.map((e) => (e as HTMLInputElement).value),
    ),
  ).toEqual(figures);
});
