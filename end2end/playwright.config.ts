import { defineConfig, devices } from "@playwright/test";

// The server under test: the release build that `cargo leptos build --release` made (what users
// get), on its own port and its own freshly made demo database, with "today" fixed so dates are the same every run.
const PORT = Number(process.env.KAMU_E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
const SMTP_PORT = PORT + 25;

// Debian's Chromium; Playwright must never download its own browser here.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    ...devices["Pixel 5"],
    viewport: { width: 360, height: 740 },
    locale: "fi-FI",
    timezoneId: "Europe/Helsinki",
    serviceWorkers: "allow",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
    trace: "retain-on-failure",
  },
  projects: [{ name: "phone-chromium" }],
  webServer: [
    // A local SMTP server (Python's aiosmtpd) for the e-mail Kamu sends.
    {
      command: `python3 -m aiosmtpd -n -l 127.0.0.1:${SMTP_PORT} -c aiosmtpd.handlers.Mailbox ../target/e2e-mail`,
      port: SMTP_PORT,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      command:
        `../target/release/kamu --listen 127.0.0.1:${PORT} --db ../target/e2e.db --demo --today 23.11.2026 ` +
        `--smtp-url smtp://127.0.0.1:${SMTP_PORT} --mail-from "Kamu <kamu@kamu.example>" --public-url ${BASE_URL}`,
      env: { LEPTOS_SITE_ROOT: "../target/site", RUST_LOG: "warn" },
      url: `${BASE_URL}/kirjaudu`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
