import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "./fixtures";

// The server's own time zone must change nothing a visitor reads: times are the edition's.
// One server per Playwright worker, each on its own port beside E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 3210) + 1000 + 10 * Number(process.env.TEST_WORKER_INDEX ?? 0);
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  // Building a fresh database with the demo takes a while on a busy machine.
  test.setTimeout(120_000);
  server = spawn(process.execPath, ["e2e/start-server.js"], {
    stdio: "ignore",
    env: { ...process.env, PORT: String(port), TZ: "Pacific/Kiritimati" },
  });
  const deadline = Date.now() + 110_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`http://localhost:${port}/fr`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("second server did not start");
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

const pagesWithTimes = {
  "/fr/2026/programme": "14:30",
  "/en/2025/programme": "08:00",
  "/en/2026": "2026-07-08T13:00:00+02:00",
  "/fr/2026/seances/15": "de 13:00 à 14:00",
};

for (const [path, shownTime] of Object.entries(pagesWithTimes)) {
  test(`${path} reads the same from a server at UTC+14 as from one at UTC`, async ({ request }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "one browser project is enough");
    const utc = await (await request.get(path)).text();
    const kiritimati = await (await request.get(`http://localhost:${port}${path}`)).text();
    expect(utc).toContain(shownTime);
    expect(kiritimati).toBe(utc);
  });
}

test("a calendar file from a server at UTC+14 is the same as from one at UTC, but for the UIDs and stamps of its rows", async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one browser project is enough");
  const withoutVolatile = (text: string) => text.replace(/^(UID|DTSTAMP|LAST-MODIFIED):.*$/gm, "$1");
  const utc = await (await request.get("/en/2026/programme.ics")).text();
  const kiritimati = await (await request.get(`http://localhost:${port}/en/2026/programme.ics`)).text();
  expect(utc).toContain("DTSTART;TZID=Europe/Paris:20260708T130000");
  expect(withoutVolatile(kiritimati)).toBe(withoutVolatile(utc));
});
