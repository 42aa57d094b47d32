import { expect } from "@playwright/test";
import { test } from "./accessible";
import { ADMIN, DIRECTOR, hydrated, openFirstAccount, signIn } from "./helpers";

test("an admin adds a company activity that every wheel shows, and a director plans next year in one step", async ({
  page,
}) => {
  // The admin keeps the company clock.
  await signIn(page, ADMIN);
  await page.getByTestId("admin-link").click();
  await expect(page.getByRole("heading", { name: "Yrityksen vuosikello" })).toBeVisible();
  await hydrated(page);
  const year = new Date().getFullYear();
  await page.getByTestId("activity-title").fill("Strategiapäivä");
  await page.getByTestId("activity-first").fill(`${year}-12-03`);
  await page.getByTestId("activity-save").click();
  await expect(page.getByTestId("company-activity").filter({ hasText: "Strategiapäivä" })).toHaveCount(1);
  // The standard template is there from the start.
  expect(await page.getByTestId("template-entry").count()).toBeGreaterThanOrEqual(10);
  await page.context().clearCookies();

  // The director sees it in the wheel's company ring, read-only.
  await signIn(page, DIRECTOR);
  await openFirstAccount(page);
  const wheel = page.getByTestId("clock-wheel");
  await expect(wheel.getByTestId("wheel-holiday").filter({ hasText: "Strategiapäivä" })).toHaveCount(1);

  // One tap plans next year and opens it.
  const plan = page.getByTestId("plan-next-year");
  await expect(plan).toContainText(`Suunnittele vuosi ${year + 1}`);
  await plan.click();
  await expect(page).toHaveURL(new RegExp(`vuosi=${year + 1}`));
  await expect(page.getByRole("heading", { name: new RegExp(`${year + 1}`) }).first()).toBeVisible();
  await expect(page.locator("ol.clock > li.month").first()).toHaveAttribute("id", new RegExp(`kk-${year + 1}-`));
  const rows = page.locator("ul.events > li.event");
  await expect.poll(() => rows.count()).toBeGreaterThan(10);

  // Back in this year the step is done and says so.
  await page.goto(page.url().replace(/\?vuosi=\d+/, ""));
  await expect(page.getByTestId("next-year-planned")).toBeVisible();
  await expect(page.getByTestId("plan-next-year")).toHaveCount(0);
});
