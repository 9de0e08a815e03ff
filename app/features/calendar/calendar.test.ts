import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { listSessions, type Session } from "~/features/programme/programme.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { programmeCalendar, programmeCalendarFileName, sessionCalendar, sessionCalendarFileName } from "./calendar.server";

const publicUrl = "https://rencontres.example.org";

/** The events of a calendar file, read back by an independent parser (which knows no time zone). */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
  return { calendar, events };
}

function sessionTitled(sessions: Session[], english: string): Session {
  const session = sessions.find((s) => s.title.en === english);
  if (!session) throw new Error(`no session ${english}`);
  return session;
}

describe.each(databaseKinds)("calendar files on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });

  async function load(year: number) {
    const edition = await getEdition(database().db, year);
    const sessions = await listSessions(database().db, edition.id);
    return { edition, sessions };
  }

  it("publishes the 2026 programme with names, instants and places in English", async () => {
    const { edition, sessions } = await load(2026);
    const ics = programmeCalendar({ edition, sessions, language: "en", publicUrl });
    const { calendar, events } = parse(ics);

    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Rencontres//Programme 2026//EN");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Programme of the Rencontres 2026");
    expect(events).toHaveLength(sessions.length);

    const opening = sessionTitled(sessions, "Official opening of the Rencontres");
    const event = events.find((e) => e.uid.startsWith(opening.uid));
    expect(event?.summary).toBe("Official opening of the Rencontres");
    expect(event?.startDate.toJSDate().toISOString()).toBe("2026-07-08T12:00:00.000Z");
    expect(event?.endDate.toJSDate().toISOString()).toBe("2026-07-08T12:30:00.000Z");
    const start = event?.component.getFirstProperty("dtstart");
    expect(start?.getParameter("tzid")).toBe("Europe/Paris");
    expect(start?.getFirstValue()?.toString()).toBe("2026-07-08T14:00:00");
    expect(event?.location).toBe("Main hall, Salons de l'Hôtel des Arts & Métiers, 9bis, avenue d'Iéna, 75116 Paris, France");
    expect(event?.component.getFirstPropertyValue("url")).toBe(`${publicUrl}/en/2026/sessions/${opening.id}`);
    expect(event?.component.getFirstPropertyValue("categories")).toBe("Opening");
    expect(event?.component.getFirstPropertyValue("geo")).toEqual([48.8652, 2.2944]);
    expect(event?.description).toContain("Michaël Delafosse, President of Cités Unies France");
    expect(event?.description).toContain(`${publicUrl}/en/2026/sessions/${opening.id}`);
    const stamp = event?.component.getFirstPropertyValue("dtstamp");
    expect(stamp instanceof ICAL.Time && stamp.toJSDate().getTime()).toBe(
      Math.floor(opening.updated_at.getTime() / 1000) * 1000,
    );
  });

  it("gives every session of both editions its exact start and end instants", async () => {
    for (const year of [2025, 2026]) {
      const { edition, sessions } = await load(year);
      const { events } = parse(programmeCalendar({ edition, sessions, language: "fr", publicUrl }));
      expect(events.map((e) => [e.startDate.toJSDate().getTime(), e.endDate.toJSDate().getTime()])).toEqual(
        sessions.map((s) => [s.starts_at.getTime(), s.ends_at.getTime()]),
      );
    }
  });

  it("speaks French to French readers", async () => {
    const { edition, sessions } = await load(2026);
    const { calendar, events } = parse(programmeCalendar({ edition, sessions, language: "fr", publicUrl }));
    const opening = sessionTitled(sessions, "Official opening of the Rencontres");
    const event = events.find((e) => e.uid.startsWith(opening.uid));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Programme des Rencontres 2026");
    expect(event?.summary).toBe("Ouverture officielle des Rencontres");
    expect(event?.location).toBe("Grand salon, Salons de l'Hôtel des Arts & Métiers, 9bis, avenue d'Iéna, 75116 Paris, France");
    expect(event?.component.getFirstPropertyValue("url")).toBe(`${publicUrl}/fr/2026/seances/${opening.id}`);
    expect(event?.component.getFirstPropertyValue("categories")).toBe("Ouverture");
    expect(event?.component.getFirstProperty("summary")?.getParameter("language")).toBe("fr");
    expect(event?.description).toContain("Intervenants\u202f:");
  });

  it("keeps one distinct UID per session, whatever the file, the language or the generation", async () => {
    const { edition, sessions } = await load(2026);
    const uids = (language: "fr" | "en") =>
      parse(programmeCalendar({ edition, sessions, language, publicUrl })).events.map((e) => e.uid);
    const first = uids("en");
    expect(new Set(first).size).toBe(sessions.length);
    expect(first).toEqual(sessions.map((s) => `${s.uid}@rencontres.example.org`));
    expect(uids("en")).toEqual(first);
    expect(uids("fr")).toEqual(first);
    const reloaded = await load(2026);
    expect(parse(programmeCalendar({ ...reloaded, language: "en", publicUrl })).events.map((e) => e.uid)).toEqual(first);

    const session = sessions[3];
    if (!session) throw new Error("no fourth session");
    const single = parse(sessionCalendar({ edition, session, language: "fr", publicUrl }));
    expect(single.events.map((e) => e.uid)).toEqual([first[3]]);
  });

  it("describes the summer and winter offsets, so that a moved session keeps its instant", async () => {
    const { edition, sessions } = await load(2026);
    const [first, second] = sessions;
    if (!first || !second) throw new Error("no sessions");
    const moved = [
      // Just after clocks go forward, twice at 02:30 when they go back (in UTC then), and in the next winter.
      { ...first, starts_at: new Date("2026-03-29T01:00:00Z"), ends_at: new Date("2026-10-25T00:30:00Z") },
      { ...second, starts_at: new Date("2026-10-25T01:30:00Z"), ends_at: new Date("2027-01-15T09:00:00Z") },
    ];
    const ics = programmeCalendar({ edition, sessions: moved, language: "en", publicUrl });
    const { events } = parse(ics);
    expect(events.map((e) => [e.startDate.toString(), e.startDate.toJSDate().toISOString()])).toEqual([
      ["2026-03-29T03:00:00", "2026-03-29T01:00:00.000Z"],
      ["2026-10-25T01:30:00Z", "2026-10-25T01:30:00.000Z"],
    ]);
    expect(events.map((e) => [e.endDate.toString(), e.endDate.toJSDate().toISOString()])).toEqual([
      ["2026-10-25T00:30:00Z", "2026-10-25T00:30:00.000Z"],
      ["2027-01-15T10:00:00", "2027-01-15T09:00:00.000Z"],
    ]);
    expect(ics).toContain("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT");
    expect(ics).toContain("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD");
  });

  it("escapes and folds long texts so that they read back unchanged", async () => {
    const { edition, sessions } = await load(2026);
    const [session] = sessions;
    if (!session) throw new Error("no session");
    const tricky = "Élus, agents; partenaires\\réseaux\nDeuxième ligne ✨ « coopération décentralisée » ".repeat(6).trim();
    const ics = sessionCalendar({
      edition,
      session: { ...session, title: { fr: tricky, en: tricky }, description: { fr: tricky, en: tricky } },
      language: "fr",
      publicUrl,
    });
    const [event] = parse(ics).events;
    expect(event?.summary).toBe(tricky);
    expect(event?.description.startsWith(`${tricky}\n\n`)).toBe(true);

    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ics.split("\r\n");
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line)))).toBeLessThanOrEqual(75);
    expect(lines.filter((line) => line.startsWith(" ")).length).toBeGreaterThan(5);
    expect(lines.some((line) => line.includes("\uFFFD"))).toBe(false);
  });

  it("puts one session in its own file", async () => {
    const { edition, sessions } = await load(2025);
    const ceremony = sessionTitled(sessions, "Ceremony honouring one country");
    const { calendar, events } = parse(sessionCalendar({ edition, session: ceremony, language: "en", publicUrl }));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Programme of the Rencontres 2025");
    expect(calendar.getFirstPropertyValue("refresh-interval")).toBeNull();
    expect(events.map((e) => [e.summary, e.startDate.toJSDate().toISOString()])).toEqual([
      ["Ceremony honouring one country", "2025-07-04T14:30:00.000Z"],
    ]);
  });
});

describe("calendar file names", () => {
  it("name the edition and, for a session, its number and title in plain ASCII", () => {
    expect(programmeCalendarFileName(2026)).toBe("rencontres-2026-programme.ics");
    expect(sessionCalendarFileName(2026, { id: 12, title: { fr: "« Cafés des Rencontres »", en: "“Cafés”" } }, "fr")).toBe(
      "rencontres-2026-12-cafes-des-rencontres.ics",
    );
    expect(sessionCalendarFileName(2026, { id: 7, title: { fr: "Pause café", en: "Coffee break" } }, "en")).toBe(
      "rencontres-2026-7-coffee-break.ics",
    );
    expect(sessionCalendarFileName(2026, { id: 3, title: { fr: "«»", en: "" } }, "fr")).toBe("rencontres-2026-3.ics");
  });
});
