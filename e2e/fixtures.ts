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

/**
 * Every visible interactive target is at least 24 × 24 CSS px (WCAG 2.2, 2.5.8); on a phone-sized
 * viewport the main controls (fields, buttons, checkboxes with their labels, the language switch)
 * are also at least 44 px high, for a finger.
 *
 * The targets: a[href], button, input, select, textarea, summary. A checkbox or radio button inside
 * its label is measured with the label, which activates it. Exempt, as 2.5.8 allows, is an inline
 * link inside a sentence: an `a` displayed inline whose nearest non-inline ancestor has other
 * words (a letter or digit outside the link); a link alone in a list item, a heading or a
 * paragraph is not in a sentence and is measured.
 */
export async function expectTargetSizes(page: Page): Promise<void> {
  const phone = (page.viewportSize()?.width ?? 1280) <= 480;
  const problems = await page.evaluate((phone) => {
    const describe = (element: Element) =>
      `<${element.tagName.toLowerCase()}> "${(element.textContent ?? element.getAttribute("name") ?? "").trim().slice(0, 40)}"`;
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      // Visually hidden (1 px) and moved off screen (the skip link until focused) are not shown.
      return (
        box.width > 1 && box.height > 1 && box.right + window.scrollX > 0 && box.bottom + window.scrollY > 0 && getComputedStyle(element).visibility !== "hidden"
      );
    };
    const inSentence = (link: Element) => {
      if (getComputedStyle(link).display !== "inline") return false;
      let block = link.parentElement;
      while (block && ["inline", "contents"].includes(getComputedStyle(block).display)) block = block.parentElement;
      const words = (block?.textContent ?? "").replace(link.textContent ?? "", "");
      return /[\p{L}\p{N}]/u.test(words);
    };
    const problems: string[] = [];
    const targets = new Set<Element>();
    for (const element of document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary')) {
      const choice = element.matches('input[type="checkbox"], input[type="radio"]');
      const target = (choice && element.closest("label")) || element;
      if (targets.has(target) || !shown(target) || (element.matches("a") && inSentence(element))) continue;
      targets.add(target);
      const { width, height } = target.getBoundingClientRect();
      // Half a pixel of rounding: boxes measure in fractions of a CSS pixel.
      if (width < 23.5 || height < 23.5) problems.push(`${describe(target)} is ${width.toFixed(1)} × ${height.toFixed(1)} px`);
      const main =
        target.matches("label, input, select, textarea, button, .button") || target.closest(".language-switch") !== null;
      if (phone && main && height < 43.5) problems.push(`${describe(target)} is ${height.toFixed(1)} px high on a phone`);
    }
    return problems;
  }, phone);
  expect(problems, `targets too small on ${page.url()}`).toEqual([]);
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
  await expectTargetSizes(page);
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
    test.setTimeout(180_000);
    server = spawn(process.execPath, ["e2e/start-server.js"], { stdio: "ignore", env: { ...process.env, ...env, PORT: String(port) } });
    const deadline = Date.now() + 170_000;
    while (Date.now() < deadline) {
      if (await fetch(`${origin}/fr`).then((r) => r.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the server at ${origin} did not start`);
  });
  // Waits for the exit: the next file's tests on this worker start a server on the same port.
  test.afterAll(async () => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  });
  return origin;
}

/** The link with a token in the latest e-mail to `address` (and `subject`), read in the development mailbox of `origin`. */
export async function mailedLink(page: Page, origin: string, address: string, subject?: string): Promise<string> {
  await page.goto(`${origin}/dev/mailbox`);
  await expectNoAccessibilityViolations(page);
  const rows = page.getByRole("row").filter({ hasText: address });
  // Followed by its address: on a narrow screen the mailbox's wide table may lay text over a row's link.
  const href = await (subject ? rows.filter({ hasText: subject }) : rows).getByRole("link").first().getAttribute("href");
  await page.goto(new URL(href ?? "", page.url()).toString());
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
