import { expect } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, signIn } from "./helpers";

// Issue 19: revenue and margin per project, the base trend without one-off projects side by side
// with the total, and a director's decision on one project, logged with the reason — on a phone.
test("the director finds the base trend and decides a project with a reason", async ({ page }) => {
  await signIn(page, DIRECTOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  // The demo gives every third account (ids 1, 4, 7 …) a spring window-cleaning project.
  const hrefs = await page.locator("a.account-row").evaluateAll((rows) => rows.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => Number(h.match(/\d+$/)?.[0]) % 3 === 1);
  expect(href, `a director's account with a demo project among ${hrefs}`).toBeTruthy();

  // Three taps: the account, its goals, its revenue.
  await page.locator(`a.account-row[href="${href}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await hydrated(page);
  await page.getByTestId("open-goals").click();
  await expect(page).toHaveURL(/\/tavoitteet$/);
  await page.getByTestId("open-revenue").click();
  await expect(page).toHaveURL(/\/liikevaihto$/);
  await expect(page.locator("h1")).toContainText("liikevaihto ja kate");
  await expect(page.getByTestId("revenue-summary")).toBeVisible();
  await expect(page.getByTestId("revenue-month").first()).toBeVisible();
  await page.screenshot({ path: "test-results/revenue-360.png", fullPage: false });

  const projectId = await page.getByTestId("revenue-project").filter({ hasText: "IKKUNAT" }).first().getAttribute("data-project");
  expect(projectId).toBeTruthy();
  const project = page.locator(`[data-testid=revenue-project][data-project="${projectId}"]`);
  const chip = project.locator(".status-chip");
  const was = (await chip.textContent())!.trim();
  const becomes = was === "Kertaluonteinen" ? "Perustasossa" : "Kertaluonteinen";
  const reason = "Ikkunanpesu kuuluu tästä lähtien sopimukseen";

  const form = project.getByTestId("revenue-decide");
  await form.locator("summary").click();
  await form.getByLabel("Päätös").selectOption({ label: becomes });
  await form.getByLabel("Perustelu").fill(reason);
  await page.screenshot({ path: "test-results/revenue-decide-360.png", fullPage: false });
  await form.getByTestId("doc-save").click();

  await expect(page.getByTestId("doc-saved")).toHaveAttribute("data-delivery", "Sent", { timeout: 20_000 });
  // Drawn again by the server with the decision in: the project's state, the list of what the
  // base leaves out, and the log with who decided and why.
  await expect(chip).toHaveText(becomes, { timeout: 10_000 });
  const left = page.getByTestId("revenue-excluded").filter({ hasText: projectId! });
  await expect(left).toHaveCount(becomes === "Kertaluonteinen" ? 1 : 0);
  const logged = page.getByTestId("revenue-decision").first();
  await expect(logged).toContainText(reason);
  await expect(logged).toContainText(projectId!);
  await expect(logged).toContainText(/\d{1,2}\.\d{1,2}\.\d{4} \S+/);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/revenue-decided-360.png", fullPage: true });
});
