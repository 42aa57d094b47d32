import { expect } from "@playwright/test";
import { test } from "./accessible";
import { hydrated, MANAGEMENT, signIn } from "./helpers";

// Issue 17, item 6: management says with the tap that sends whether it is a comment or an
// instruction the director must acknowledge (no pre-ticked box to misread), and what was just
// sent stays in view.
test("management gives an instruction and a comment on a card with two clear sends, and each stays in view", async ({
  page,
}) => {
  await signIn(page, MANAGEMENT);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/asiakkuus/1/laatukortti?kausi=2026-10");
  await hydrated(page);
  await expect(page.getByTestId("card-page-title")).toContainText("Aalto");
  await expect(page.getByTestId("comment-is-instruction")).toHaveCount(0);

  const instruction = "Tuo katteen korjaussuunnitelma joulukuun johtoryhmään";
  await page.getByTestId("comment-input").fill(instruction);
  await page.getByTestId("send-instruction").click();
  const sent = page.getByTestId("comment").filter({ hasText: instruction });
  await expect(sent).toContainText("Ohje");
  await expect(sent).toBeInViewport();
  await expect(page.getByTestId("comment-input")).toHaveValue("");

  const remark = "Hyvä, että lisätöiden hinnoittelu on jo työn alla";
  await page.getByTestId("comment-input").fill(remark);
  await page.getByTestId("send-remark").click();
  const second = page.getByTestId("comment").filter({ hasText: remark });
  await expect(second).toContainText("Kommentti");
  await expect(second).toBeInViewport();

  // The server has both, each as what it was sent as.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("comment").filter({ hasText: instruction })).toContainText("Ohje");
  await expect(page.getByTestId("comment").filter({ hasText: remark })).toContainText("Kommentti");
});
