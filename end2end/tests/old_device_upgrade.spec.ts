import { expect, Page } from "@playwright/test";
import { test } from "./accessible";
import { DIRECTOR, hydrated, phoneSignedIn, SUPERVISOR } from "./helpers";

/** Writes what the app of the time before one outbox left on a phone: a question waiting in its
 *  own channel outbox, and a refused post kept with its reason. */
async function leaveOldChannelWrites(page: Page, waiting: string, refused: string) {
  await page.evaluate(
    ({ waiting, refused }) =>
      new Promise<void>((resolve, reject) => {
        const post = (body: string) => ({
          id: crypto.randomUUID(),
          account_id: 1,
          action: {
            action: "post",
            post: { id: crypto.randomUUID(), kind: "question", urgency: "normal", question_id: null, body },
          },
        });
        const open = indexedDB.open("kamu");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["channel_outbox", "meta"], "readwrite");
          const write = post(waiting);
          tx.objectStore("channel_outbox").put(JSON.stringify(write), write.id);
          tx.objectStore("meta").put(JSON.stringify([[post(refused), "post_too_long"]]), "channel_refusals");
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { waiting, refused },
  );
}

// Account 1: the demo supervisor runs a site there, the demo director directs it.
test("a phone updated from the app with a separate channel outbox still sends the question waiting there, and shows the refused one", async ({
  browser,
}) => {
  const waiting = `Kysyttiinkö ${Date.now()} ennen päivitystä, tuleeko ikkunanpesu keväällä?`;
  const refused = `Hylätty kysymys ${Date.now()}`;
  const { context, page } = await phoneSignedIn(browser, SUPERVISOR);
  await page.goto("/asiakkuus/1/kanava");
  await hydrated(page);
  // Offline while the old writes are put in place, so nothing is sent before the update.
  await context.setOffline(true);
  await leaveOldChannelWrites(page, waiting, refused);
  await context.setOffline(false);

  // The updated app starts: the old question joins the one outbox and is sent.
  await page.reload();
  await hydrated(page);
  const question = page.getByTestId("post").filter({ hasText: waiting });
  await expect(question).toBeVisible();
  await expect(question.getByTestId("post-waiting")).toHaveCount(0, { timeout: 30_000 });
  // The refused one is shown to its author with its whole text, not dropped.
  const notice = page.getByTestId("notice").filter({ hasText: refused });
  await expect(notice.getByTestId("channel-refused")).toBeVisible();
  await page.screenshot({ path: "test-results/old-device-upgrade-360.png", fullPage: true });

  // The director sees the question: the server has it, once.
  const { context: directorPhone, page: director } = await phoneSignedIn(browser, DIRECTOR);
  await director.goto("/asiakkuus/1/kanava");
  await hydrated(director);
  await expect(director.getByTestId("post").filter({ hasText: waiting })).toHaveCount(1);
  await expect(director.getByTestId("post").filter({ hasText: refused })).toHaveCount(0);
  await directorPhone.close();
  await context.close();
});

/** Replaces this browser's storage with what the app of IndexedDB version 2 left on a phone: its
 *  stores, and one question waiting in its outbox (no owner recorded yet, as before owners). */
async function leaveVersionTwoStorage(page: Page, body: string) {
  // A page of the site with no app running: nothing holds the database open.
  await page.goto("/manifest.webmanifest");
  await page.evaluate(
    (body) =>
      new Promise<void>((resolve, reject) => {
        const gone = indexedDB.deleteDatabase("kamu");
        gone.onblocked = () => reject(new Error("the database is still open"));
        gone.onerror = () => reject(gone.error);
        gone.onsuccess = () => {
          const open = indexedDB.open("kamu", 2);
          open.onupgradeneeded = () => {
            for (const store of ["accounts", "outbox", "meta", "channels", "channel_outbox"]) {
              open.result.createObjectStore(store);
            }
          };
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const op = {
              id: crypto.randomUUID(),
              account_id: 1,
              change: {
                kind: "channel",
                action: {
                  action: "post",
                  post: { id: crypto.randomUUID(), kind: "question", urgency: "normal", question_id: null, body },
                },
              },
            };
            const tx = db.transaction("outbox", "readwrite");
            tx.objectStore("outbox").put(JSON.stringify(op), op.id);
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        };
      }),
    body,
  );
}

test("a phone whose storage an older app made (version 2) keeps its waiting question through the upgrade and sends it; a newer app in another tab is not blocked by it", async ({
  browser,
}) => {
  const { context, page } = await phoneSignedIn(browser, SUPERVISOR);
  const waiting = `Kysymys ennen tallennuksen päivitystä ${Date.now()}`;
  await leaveVersionTwoStorage(page, waiting);

  // The app opens the old storage, upgrades it (the documents' store is added) and sends.
  await page.goto("/asiakkuus/1/kanava");
  await hydrated(page);
  const question = page.getByTestId("post").filter({ hasText: waiting });
  await expect(question).toBeVisible();
  await expect(question.getByTestId("post-waiting")).toHaveCount(0, { timeout: 30_000 });
  const stored = await page.evaluate(
    () =>
      new Promise<[number, string[]]>((resolve) => {
        const open = indexedDB.open("kamu");
        open.onsuccess = () => {
          resolve([open.result.version, [...open.result.objectStoreNames]]);
          open.result.close();
        };
      }),
  );
  expect(stored[0]).toBe(3);
  expect(stored[1]).toContain("records");

  // A later app, opened in another tab, upgrades the storage again: this tab lets go of it
  // instead of keeping that tab waiting.
  const other = await context.newPage();
  await other.goto("/manifest.webmanifest");
  const upgrade = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open("kamu", 4);
        open.onsuccess = () => {
          open.result.close();
          resolve("opened");
        };
        open.onerror = () => resolve(`error ${open.error}`);
        setTimeout(() => resolve("blocked by the open tab"), 10_000);
      }),
  );
  expect(upgrade).toBe("opened");

  // The director sees the question once.
  const { context: directorPhone, page: director } = await phoneSignedIn(browser, DIRECTOR);
  await director.goto("/asiakkuus/1/kanava");
  await hydrated(director);
  await expect(director.getByTestId("post").filter({ hasText: waiting })).toHaveCount(1);
  await directorPhone.close();
  await context.close();
});
