import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test as base } from "@playwright/test";

// Accessibility in every browser test: each page the tests reach is checked with axe-core once per
// run — when it has hydrated (`helpers.hydrated`) and where a test ends (pages reached by tapping
// through the app) — and a serious or critical violation fails the test that reached it, naming the
// rule and the elements. Minor and moderate findings are not counted.
const checked = new Set<string>();

export async function accessible(page: Page, moment = "loaded") {
  const url = new URL(page.url());
  if (!url.protocol.startsWith("http")) return;
  const key = `${url.pathname} ${moment}`;
  if (checked.has(key)) return;
  checked.add(key);
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  expect(serious, `axe-core on ${url.pathname} (${moment})`).toEqual([]);
}

/** `test` with the end-of-test check; every spec uses this one. */
export const test = base.extend<{ accessibleAtEnd: void }>({
  accessibleAtEnd: [
    async ({ page }, use, info) => {
      await use();
      if (!page.isClosed() && info.status === info.expectedStatus) await accessible(page, "end");
    },
    { auto: true },
  ],
});
