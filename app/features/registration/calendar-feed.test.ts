import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { hashSecret, newSecret } from "~/features/accounts/secrets.server";
import { getEdition } from "~/features/editions/editions.server";
import { paths } from "~/lib/paths";
import { loader as feedLoader } from "~/routes/calendar-feed";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createWorkshop, personFields, registrationRequest } from "~/test/factories";
import { newReference } from "./confirmation.server";
import { createCalendarFeed, hasCalendarFeed, personalFeed, revokeCalendarFeeds } from "./calendar-feed.server";
import { register } from "./registration.server";
import { signUp } from "./signups.server";

const now = new Date("2026-05-10T08:00:00Z");
const publicUrl = "https://rencontres.example.org";

/** The events of a calendar, read back by an independent parser. */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component)) };
}

describe.each(databaseKinds)("personal calendar feed on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  const workshop = (title: string) => createWorkshop(db(), { start: "14:30", end: "16:00", capacity: 10, title });


  /** A person confirmed for 2026 and holding a seat in a workshop of their own. */
  async function participant(language: "fr" | "en", title: string) {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db(), { language });
    const { id: registrationId } = await register(db(), registrationRequest(edition.id, person, { language }));
    await signUp(db(), { registrationId, personId: person.id, sessionId: await workshop(title), now, publicUrl: "https://x.org" });
    return person;
  }

  /** A confirmed registration of 2025, written directly: that window closed long ago. */
  async function registeredIn2025(personId: number) {
    const edition = await getEdition(db(), 2025);
    const { category, ...fields } = personFields();
    await db()
      .insertInto("registration")
      .values({ ...fields, category, edition_id: edition.id, person_id: personId, status: "confirmed", confirmed_at: new Date("2025-05-01T10:00:00Z"), reference: newReference(2025) })
      .execute();
  }

  it("keeps only the hash of the token, and says whether a feed is open", async () => {
    const person = await participant("fr", "hash");
    expect(await hasCalendarFeed(db(), person.id)).toBe(false);
    const token = await createCalendarFeed(db(), person.id, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db().selectFrom("calendar_feed").where("person_id", "=", person.id).selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ token_hash: hashSecret(token), revoked_at: null })]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await hasCalendarFeed(db(), person.id)).toBe(true);
    expect(paths.calendarFeed(token)).toBe(`/calendar/${token}/agenda.ics`);
  });

  it("holds the person's own sessions only, in their language, newest edition first", async () => {
    const reader = await participant("en", "of the reader");
    await participant("en", "of someone else");
    await registeredIn2025(reader.id);
    const { calendar, events: agenda } = events(await personalFeed(db(), await createCalendarFeed(db(), reader.id, now), publicUrl));
    const titles = agenda.map((event) => event.summary);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Rencontres AICT");
    expect(titles).toContain("Workshop of the reader");
    expect(titles).not.toContain("Workshop of someone else");
    expect(titles).toContain("Official opening of the Rencontres");
    expect(titles).not.toContain("Ouverture officielle des Rencontres");
    const years = agenda.map((event) => event.startDate.year);
    expect(years).toContain(2025);
    expect(years.indexOf(2026)).toBeLessThan(years.indexOf(2025));
    expect(years.slice(years.indexOf(2025))).not.toContain(2026);
  });

  it("speaks French to a French-speaking person", async () => {
    const reader = await participant("fr", "en français");
    const { events: agenda } = events(await personalFeed(db(), await createCalendarFeed(db(), reader.id, now), publicUrl));
    expect(agenda.map((event) => event.summary)).toContain("Atelier en français");
  });

  it("stamps opening and replacing a feed with the application's clock, not the database's", async () => {
    const person = await participant("fr", "clock");
    // Far from the database's now(), so a stamp taken from it cannot pass.
    const opened = new Date("2031-01-02T03:04:05Z");
    const replaced = new Date("2031-02-03T04:05:06Z");
    await createCalendarFeed(db(), person.id, opened);
    await createCalendarFeed(db(), person.id, replaced);
    const rows = await db().selectFrom("calendar_feed").where("person_id", "=", person.id).orderBy("id").select(["created_at", "revoked_at"]).execute();
    expect(rows).toEqual([
      { created_at: opened, revoked_at: replaced },
      { created_at: replaced, revoked_at: null },
    ]);
  });

  it("answers calendar_feed_not_found for a revoked, replaced, unknown or malformed token", async () => {
    const person = await participant("fr", "revoked");
    const first = await createCalendarFeed(db(), person.id, now);
    const second = await createCalendarFeed(db(), person.id, now);
    await expect(personalFeed(db(), first, publicUrl)).rejects.toMatchObject({ code: "calendar_feed_not_found" });
    await expect(personalFeed(db(), second, publicUrl)).resolves.toContain("BEGIN:VCALENDAR");
    await revokeCalendarFeeds(db(), person.id, now);
    await expect(personalFeed(db(), second, publicUrl)).rejects.toMatchObject({ code: "calendar_feed_not_found" });
    expect(await hasCalendarFeed(db(), person.id)).toBe(false);
    for (const token of [newSecret(), "", "short", `${second}x`, "../../etc/passwd"]) {
      await expect(personalFeed(db(), token, publicUrl)).rejects.toMatchObject({ code: "calendar_feed_not_found" });
    }
  });

  describe("route", () => {
    function args(token: string) {
      const context = { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now };
      return { request: new Request(publicUrl + paths.calendarFeed(token)), params: { token }, context } as unknown as Parameters<typeof feedLoader>[0];
    }

    it("serves the calendar, kept out of every shared cache", async () => {
      const person = await participant("en", "route");
      const response = await feedLoader(args(await createCalendarFeed(db(), person.id, now)));
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(events(await response.text()).events.map((event) => event.summary)).toContain("Workshop route");
    });

    it("answers 404, never 500, for an unknown or malformed token", async () => {
      for (const token of [newSecret(), "x", "%00"]) {
        await expect(feedLoader(args(token))).rejects.toMatchObject({ init: { status: 404 } });
      }
    });
  });
});
