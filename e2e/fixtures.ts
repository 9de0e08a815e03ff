import { spawn, type ChildProcess } from "node:child_process";
import { test as base, expect, type Page } from "@playwright/test";
import axe from "axe-core";

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page and fails on any violation. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

/** The page fits the viewport: nothing wider than the screen forces sideways scrolling. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** Every page visited in a test is checked with axe and for overflow when the test leaves it. */
export const test = base.extend<{ visit: (path: string) => Promise<void> }>({
  visit: async ({ page }, use) => {
    await use(async (path) => {
      const response = await page.goto(path);
      expect(response?.ok(), `GET ${path}`).toBe(true);
      await check(page);
    });
  },
});

export async function check(page: Page): Promise<void> {
  await expectNoAccessibilityViolations(page);
  await expectNoHorizontalScroll(page);
}

export { expect };

/**
 * Another server of the build, on a fresh database with other settings (a clock, organisers, a
 * time zone), for the tests of one file: one per Playwright worker, `offset` ports beside the main
 * test server (E2E_PORT), so that two checkouts can test at once. Returns its origin.
 */
export function useExtraServer(offset: number, env: Record<string, string>): string {
  const port = Number(process.env.E2E_PORT ?? 3210) + offset + 10 * Number(process.env.TEST_WORKER_INDEX ?? 0);
  const origin = `http://localhost:${port}`;
  let server: ChildProcess | undefined;
  test.beforeAll(async () => {
    // Building a fresh database with the demo editions takes a while on a busy machine.
    test.setTimeout(120_000);
    server = spawn(process.execPath, ["e2e/start-server.js"], { stdio: "ignore", env: { ...process.env, ...env, PORT: String(port) } });
    const deadline = Date.now() + 110_000;
    while (Date.now() < deadline) {
      if (await fetch(`${origin}/fr`).then((r) => r.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the server at ${origin} did not start`);
  });
  test.afterAll(() => {
    server?.kill("SIGTERM");
  });
  return origin;
}

/** The link with a token in the latest e-mail to `address` (and `subject`), read in the development mailbox of `origin`. */
export async function mailedLink(page: Page, origin: string, address: string, subject?: string): Promise<string> {
  await page.goto(`${origin}/dev/mailbox`);
  await expectNoAccessibilityViolations(page);
  const rows = page.getByRole("row").filter({ hasText: address });
  await (subject ? rows.filter({ hasText: subject }) : rows).getByRole("link").first().click();
  await expectNoAccessibilityViolations(page);
  const text = (await page.locator("pre").first().textContent()) ?? "";
  const { pathname, search } = new URL(/https?:\/\/\S+\?token=[\w-]{43}/.exec(text)?.[0] ?? "");
  return origin + pathname + search;
}

declare global {
  interface Window {
    axe: typeof axe;
  }
}
