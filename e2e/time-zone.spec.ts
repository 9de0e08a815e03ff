import { expect, test, useExtraServer } from "./fixtures";

// The server's own time zone must change nothing a visitor reads: times are the edition's. The
// second server takes the main one's public address, so that its links read the same.
const origin = useExtraServer(1000, { TZ: "Pacific/Kiritimati", PUBLIC_URL: `http://localhost:${process.env.E2E_PORT ?? 3210}` });

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
    const kiritimati = await (await request.get(`${origin}${path}`)).text();
    expect(utc).toContain(shownTime);
    expect(kiritimati).toBe(utc);
  });
}

test("a calendar file from a server at UTC+14 is the same as from one at UTC, but for the UIDs and stamps of its rows", async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one browser project is enough");
  const withoutVolatile = (text: string) => text.replace(/^(UID|DTSTAMP|LAST-MODIFIED):.*$/gm, "$1");
  const utc = await (await request.get("/en/2026/programme.ics")).text();
  const kiritimati = await (await request.get(`${origin}/en/2026/programme.ics`)).text();
  expect(utc).toContain("DTSTART;TZID=Europe/Paris:20260708T130000");
  expect(withoutVolatile(kiritimati)).toBe(withoutVolatile(utc));
});
