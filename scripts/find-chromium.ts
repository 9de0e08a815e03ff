// Which Chromium the end-to-end tests drive, found without configuration. Shared by
// playwright.config.ts and by `npm test`, which runs this file before `playwright test` so that
// a missing browser stops the tests with one line saying how to get one.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

export const debianChromium = "/usr/bin/chromium";

export type ChromiumLookup =
  | { found: true; path: string; source: "CHROMIUM_PATH" | "debian" | "playwright" }
  | { found: false; reason: string };

export interface LookupPlaces {
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
  /** Where Playwright keeps the Chromium that `npx playwright install chromium` downloads. */
  playwrightChromium: () => string | undefined;
}

const howToGetOne = "install one with `apt-get install chromium` or `npx playwright install chromium`";

/** CHROMIUM_PATH when set, else Debian's /usr/bin/chromium, else Playwright's own download. */
export function findChromium(places: LookupPlaces = systemPlaces): ChromiumLookup {
  const configured = places.env.CHROMIUM_PATH;
  if (configured) {
    // A path given on purpose is never silently replaced by another browser.
    return places.exists(configured)
      ? { found: true, path: configured, source: "CHROMIUM_PATH" }
      : { found: false, reason: `CHROMIUM_PATH=${configured} does not exist: correct it, or unset it and ${howToGetOne}` };
  }
  if (places.exists(debianChromium)) return { found: true, path: debianChromium, source: "debian" };
  const downloaded = places.playwrightChromium();
  if (downloaded && places.exists(downloaded)) return { found: true, path: downloaded, source: "playwright" };
  return { found: false, reason: `no Chromium for the end-to-end tests: ${howToGetOne}, or set CHROMIUM_PATH` };
}

export const systemPlaces: LookupPlaces = {
  env: process.env,
  exists: existsSync,
  playwrightChromium: () => {
    try {
      return chromium.executablePath();
    } catch {
      return undefined; // A platform Playwright has no build for.
    }
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lookup = findChromium();
  if (!lookup.found) {
    console.error(lookup.reason);
    process.exit(1);
  }
}
