import { describe, expect, it } from "vitest";
import { debianChromium, findChromium, type LookupPlaces } from "./find-chromium";

const downloaded = "/home/someone/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome";

/** A machine holding exactly `files`, with `env` as its environment. */
function machine(files: string[], env: Record<string, string> = {}): LookupPlaces {
  return { env, exists: (path) => files.includes(path), playwrightChromium: () => downloaded };
}

describe("the Chromium of the end-to-end tests", () => {
  it("is CHROMIUM_PATH when set, before any other", () => {
    expect(findChromium(machine(["/opt/chrome", debianChromium, downloaded], { CHROMIUM_PATH: "/opt/chrome" }))).toEqual({
      found: true,
      path: "/opt/chrome",
      source: "CHROMIUM_PATH",
    });
  });

  it("is Debian's /usr/bin/chromium without configuration, before Playwright's download", () => {
    expect(findChromium(machine([debianChromium, downloaded]))).toEqual({ found: true, path: debianChromium, source: "debian" });
  });

  it("is Playwright's downloaded Chromium when Debian's is absent", () => {
    expect(findChromium(machine([downloaded]))).toEqual({ found: true, path: downloaded, source: "playwright" });
  });

  it("is none when nothing is installed, with one line saying how to get one", () => {
    const lookup = findChromium(machine([]));
    expect(lookup).toMatchObject({ found: false });
    const reason = lookup.found ? "" : lookup.reason;
    expect(reason).toContain("apt-get install chromium");
    expect(reason).toContain("npx playwright install chromium");
    expect(reason).not.toContain("\n");
    // A platform without a Playwright build: no download to look for.
    expect(findChromium({ ...machine([]), playwrightChromium: () => undefined })).toMatchObject({ found: false });
  });

  it("is none when CHROMIUM_PATH names a missing file, even if another browser is there", () => {
    const lookup = findChromium(machine([debianChromium, downloaded], { CHROMIUM_PATH: "/opt/typo" }));
    expect(lookup).toMatchObject({ found: false, reason: expect.stringContaining("CHROMIUM_PATH=/opt/typo does not exist") });
  });
});
