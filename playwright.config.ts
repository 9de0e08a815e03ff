import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/find-chromium";

const port = Number(process.env.E2E_PORT ?? 3210);

// CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's download. When none is there
// Playwright's own error says so; `npm test` checks first (scripts/find-chromium.ts).
const chromium = findChromium();
const executablePath = chromium.found ? chromium.path : undefined;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? "list" : "line",
  use: {
    baseURL: `http://localhost:${port}`,
    // axe-core is injected as a script; the site's CSP would refuse it.
    bypassCSP: true,
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "phone", use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  ],
  webServer: {
    command: "node e2e/start-server.js",
    url: `http://localhost:${port}/fr`,
    timeout: 60_000,
    reuseExistingServer: false,
    env: { PORT: String(port), E2E_SERVER: "main" },
  },
});
