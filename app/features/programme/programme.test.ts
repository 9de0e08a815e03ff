import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { bumpContentVersion, readContentVersion } from "~/features/site/content-version.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { getProgramme, getSession, listSessionKinds } from "./programme.server";

// The invitations of the two demo editions, as sent to participants.
const invitation = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

const twoDigits = (value: number) => String(value).padStart(2, "0");
const to24h = (hour: string, minute: string, half: string) =>
  `${twoDigits((Number(hour) % 12) + (half === "PM" ? 12 : 0))}:${minute}`;

/** The time blocks of the 2025 invitation's pre-programme, one day, times written 8:00AM-9:00AM. */
function blocks2025(): Record<string, string[]> {
  const text = invitation("invitation-2025-en.txt");
  const times = [...text.matchAll(/(\d{1,2}):(\d{2})(AM|PM)\s*-\s*(\d{1,2}):(\d{2})(AM|PM)/g)].map(
    ([, h1 = "", m1 = "", a1 = "", h2 = "", m2 = "", a2 = ""]) => `${to24h(h1, m1, a1)}-${to24h(h2, m2, a2)}`,
  );
  return { "2025-07-04": times };
}

/** The time blocks of the 2026 invitation, day by day, times written 13h00-14h00. */
function blocks2026(): Record<string, string[]> {
  const text = invitation("invitation-2026-fr.txt");
  const days: Record<string, string[]> = {};
  let day = "";
  for (const line of text.split("\n")) {
    if (/^Mercredi 8 juillet/.test(line)) day = "2026-07-08";
    if (/^Jeudi 9 juillet/.test(line)) day = "2026-07-09";
    const match = /(\d{1,2})h(\d{2})\s*-\s*(\d{1,2})h(\d{2})/.exec(line);
    if (match && day) (days[day] ??= []).push(`${twoDigits(Number(match[1]))}:${match[2]}-${twoDigits(Number(match[3]))}:${match[4]}`);
  }
  return days;
}

const parisTime = (instant: Date) =>
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(instant);

describe.each(databaseKinds)("programme on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });

  it.each([
    [2025, blocks2025],
    [2026, blocks2026],
  ])("holds every time block of the %i invitation, at its exact Paris time", async (year, blocksOf) => {
    const expected = blocksOf();
    expect(Object.values(expected).flat().length).toBeGreaterThan(8);
    const edition = await getEdition(database().db, year);
    const programme = await getProgramme(database().db, edition.id);
    const actual = Object.fromEntries(
      programme.map((day) => [day.day, day.blocks.map((block) => `${parisTime(block.startsAt)}-${parisTime(block.endsAt)}`)]),
    );
    expect(actual).toEqual(expected);
  });

  it("puts parallel sessions side by side in one block, each in its own room", async () => {
    const edition = await getEdition(database().db, 2026);
    const [wednesday] = await getProgramme(database().db, edition.id, { day: "2026-07-08" });
    const workshops = wednesday?.blocks.find((block) => block.startsAt.toISOString() === "2026-07-08T12:30:00.000Z");
    expect(workshops?.sessions.map((session) => session.kind)).toEqual(["workshop_thematic", "regional_meeting", "b2b"]);
    const rooms = workshops?.sessions.map((session) => session.room?.name.en);
    expect(new Set(rooms).size).toBe(3);
    expect(workshops?.sessions[0]).toMatchObject({ requires_signup: true, capacity: 40 });
  });

  it("filters by day and by kind", async () => {
    const edition = await getEdition(database().db, 2026);
    const b2bOnly = await getProgramme(database().db, edition.id, { kinds: ["b2b"] });
    expect(b2bOnly.map((day) => [day.day, day.blocks.length])).toEqual([
      ["2026-07-08", 1],
      ["2026-07-09", 3],
    ]);
    const thursdayCafes = await getProgramme(database().db, edition.id, { day: "2026-07-09", kinds: ["cafe"] });
    expect(thursdayCafes.flatMap((day) => day.blocks.flatMap((block) => block.sessions.map((s) => s.title.fr)))).toEqual([
      "«\u202fCafés des Rencontres\u202f»",
    ]);
    expect(await listSessionKinds(database().db, edition.id)).toContain("conference");
  });

  it("finds a session only within its own edition", async () => {
    const edition2025 = await getEdition(database().db, 2025);
    const edition2026 = await getEdition(database().db, 2026);
    const [day] = await getProgramme(database().db, edition2025.id);
    const opening = day?.blocks[1]?.sessions[0];
    expect(opening?.speakers.map((speaker) => speaker.name)).toEqual(["Michaël Delafosse"]);
    await expect(getSession(database().db, edition2025.id, opening?.id ?? 0)).resolves.toMatchObject({ kind: "opening" });
    await expect(getSession(database().db, edition2026.id, opening?.id ?? 0)).rejects.toMatchObject({ code: "session_not_found" });
  });

  it("bumps the content version that cached pages depend on", async () => {
    const before = await readContentVersion(database().db);
    const after = await bumpContentVersion(database().db);
    expect(BigInt(after)).toBe(BigInt(before) + 1n);
    expect(await readContentVersion(database().db)).toBe(after);
  });
});
