import { expect } from "@playwright/test";
import { test } from "./accessible";
import { hydrated, signIn, SUPERVISOR } from "./helpers";

test("without the company's identity provider the sign-in page shows only the password form", async ({ page }) => {
  await page.goto("/kirjaudu");
  await hydrated(page);
  await expect(page.getByTestId("sign-in-provider")).toBeHidden();
  await expect(page.getByLabel("Salasana")).toBeVisible();
});

test("a wrong password says so and keeps the typed email", async ({ page }) => {
  await signIn(page, SUPERVISOR, "väärä-salasana");
  await expect(page.getByTestId("login-error")).toHaveText("Väärä sähköposti tai salasana.");
  await expect(page.getByLabel("Sähköposti")).toHaveValue(SUPERVISOR);
  await expect(page).toHaveURL(/\/kirjaudu/);
});

test("the app speaks Finnish, Swedish or English as chosen, and remembers the choice", async ({ page }) => {
  await signIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Asiakkuudet");
  await page.getByTestId("lang-switch").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accounts");
  await expect(page.getByTestId("account-search")).toHaveAttribute("placeholder", "Name, town or director");
  await page.getByTestId("lang-switch").selectOption("sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kunder");
  await expect(page.getByTestId("account-search")).toHaveAttribute("placeholder", "Namn, ort eller kundansvarig");
  // The choice is remembered across a reload (cookie), and the server renders it.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kunder");
  await hydrated(page);
  await expect(page.getByTestId("lang-switch")).toHaveValue("sv");
  // Finland-Swedish dates and weeks on an account page: d.m.yyyy, "v." for the week, Monday first.
  await page.locator("a.account-row").first().click();
  await expect(page.getByRole("heading", { name: /Årsklocka \d{4}/ })).toBeVisible();
  await expect(page.locator("body")).toContainText(/v\. \d+/);
  await page.getByTestId("lang-switch").selectOption("fi");
  await expect(page.getByRole("heading", { name: /Vuosikello \d{4}/ })).toBeVisible();
  // Chosen on a deeper page, the language holds on every page the server renders next.
  await page.getByTestId("lang-switch").selectOption("en");
  await page.goto("/omat");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("signing out, from the header's menu, ends the session", async ({ page }) => {
  await signIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  // The thumb tabs are for daily work; signing out is not one of them.
  await expect(page.locator("nav.bottom-bar")).not.toContainText("Kirjaudu ulos");
  await page.getByTestId("menu").locator("summary").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/kirjaudu/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/kirjaudu\?next=/);
});

test("Finnish comes first even when the phone's language is English", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto("/kirjaudu");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kirjaudu sisään");
  await expect(page.locator("html")).toHaveAttribute("lang", "fi");
  await context.close();
});
