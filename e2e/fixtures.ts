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

declare global {
  interface Window {
    axe: typeof axe;
  }
}
