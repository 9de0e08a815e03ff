import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, createWorkshop, registrationRequest } from "~/test/factories";
import { agendaOf, overlapsIn } from "./agenda";
import { calendarFeedOf, createCalendarFeed, personalFeed } from "./calendar-feed.server";
import { newReference } from "./confirmation.server";
import { register } from "./registration.server";
import { cancelSignup, signUp } from "./signups.server";
import { personalSpace } from "./space.server";

const now = new Date("2026-05-10T08:00:00Z");
const publicUrl = "https://rencontres.example.org";
const referencePattern = /^R26-[2-9A-HJ-NP-Z]{4}$/;

function calendarOf(attachment: { content: string } | undefined) {
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(attachment?.content ?? "", "base64").toString("utf8")));
  return { calendar, events: calendar.getAllSubcomponents("vevent") };
}

describe("registration references", () => {
  it("name the edition's year and four characters that cannot be misread", () => {
    const references = Array.from({ length: 200 }, () => newReference(2026));
    for (const reference of references) expect(reference).toMatch(referencePattern);
    expect(newReference(2105)).toMatch(/^R05-/);
    expect(new Set(references).size).toBeGreaterThan(190);
  });
});

describe("agenda of a person", () => {
  const at = (start: string, end: string) => ({ starts_at: new Date(`2026-07-09T${start}:00Z`), ends_at: new Date(`2026-07-09T${end}:00Z`) });
  const sessions = [
    { id: 1, kind: "plenary", requires_signup: false, ...at("09:00", "10:00") },
    { id: 2, kind: "b2b", requires_signup: false, ...at("10:00", "12:00") },
    { id: 3, kind: "workshop_thematic", requires_signup: true, ...at("14:00", "15:30") },
    { id: 4, kind: "workshop_thematic", requires_signup: true, ...at("14:00", "15:30") },
    { id: 5, kind: "regional_meeting", requires_signup: false, ...at("16:00", "17:00") },
    { id: 6, kind: "regional_meeting", requires_signup: false, ...at("16:30", "17:30") },
  ];

  it("holds the seats and the sessions open to all, not B2B blocks nor workshops not chosen, and says what overlaps", () => {
    const agenda = agendaOf(sessions, [3]);
    expect(agenda.map((session) => session.id)).toEqual([1, 3, 5, 6]);
    const overlaps = overlapsIn(agenda);
    expect(overlaps.get(5)?.map((session) => session.id)).toEqual([6]);
    expect(overlaps.get(3)).toEqual([]);
  });
});

describe.each(databaseKinds)("confirmation and agenda updates on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  async function confirmedIn2026(language: "fr" | "en" = "en") {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db(), { language });
    const request = registrationRequest(edition.id, person, {
      language,
      consents: { photos: true, share_contact: false, newsletter: false, health_data: false },
      consentTexts: { photos: "I agree to be photographed", share_contact: "Share", newsletter: "News", health_data: "Health" },
    });
    const { id } = await register(db(), request);
    return { person, registrationId: id, edition };
  }

  const outbox = (email: string) =>
    db().selectFrom("mail_outbox").where("to_address", "=", email).select(["id", "subject", "text_body", "html_body", "attachments", "replace_key", "next_attempt_at"]).orderBy("id").execute();

  it("gives each registration a reference unique in its edition, and the same reference may serve in another", async () => {
    const editionId = await createEdition(db());
    const people = await Promise.all(Array.from({ length: 12 }, () => createPerson(db())));
    const ids = await Promise.all(people.map(async (person) => (await register(db(), registrationRequest(editionId, person))).id));
    const rows = await db().selectFrom("registration").where("id", "in", ids).select(["reference", "edition_id"]).execute();
    expect(new Set(rows.map((row) => row.reference)).size).toBe(12);
    for (const row of rows) expect(row.reference).toMatch(/^R\d\d-[2-9A-HJ-NP-Z]{4}$/);
    const taken = rows[0]!.reference;
    const first = await db().selectFrom("registration").where("id", "=", ids[0]!).selectAll().executeTakeFirstOrThrow();
    const { id: _id, reference: _reference, search_text: _searchText, sort_name: _sortName, sort_organisation: _sortOrganisation, sort_city: _sortCity, ...copy } = first;
    const other = await createPerson(db());
    await expect(db().insertInto("registration").values({ ...copy, person_id: other.id, reference: taken }).execute()).rejects.toMatchObject({ code: "23505" });
    const elsewhere = await createEdition(db());
    await expect(db().insertInto("registration").values({ ...copy, edition_id: elsewhere, person_id: other.id, reference: taken }).execute()).resolves.toBeDefined();
  });

  it("confirms by e-mail with the reference, dates, venue, answers, consents, how to change it and whom to ask, in both parts", async () => {
    const { person, registrationId } = await confirmedIn2026("en");
    const { reference } = await db().selectFrom("registration").where("id", "=", registrationId).select("reference").executeTakeFirstOrThrow();
    expect(reference).toMatch(referencePattern);
    const [mail] = await outbox(person.email);
    for (const body of [mail?.text_body ?? "", mail?.html_body ?? ""]) {
      expect(body).toContain(`Your reference: ${reference}`);
      expect(body).not.toContain("%REFERENCE%");
      expect(body).toMatch(/Dates: Wednesday 8\s+July\s+–\s+Thursday 9 July 2026/);
      expect(body).toContain("Salons de l");
      expect(body).toContain("avenue d");
      expect(body).toContain(`${publicUrl}/en/my-space`);
      expect(body).toContain("To change or cancel your registration");
      expect(body).toContain("coop-dec@cites-unies-france.org");
      expect(body).toContain("+33 1 53 41 81 81");
    }
    expect(mail?.text_body).toContain("Venue: Salons de l'Hôtel des Arts & Métiers, 9bis, avenue d'Iéna");
    expect(mail?.text_body).toContain("given on 1 May 2026: I agree to be photographed");
    expect(mail?.text_body).toContain("Your place is confirmed");
  });

  it("sends one updated agenda for several changes, its events under the same UIDs with a higher SEQUENCE", async () => {
    const { person, registrationId } = await confirmedIn2026("en");
    const morning = await createWorkshop(db(), { start: "09:00", end: "10:30", capacity: 10, title: "morning" });
    const afternoon = await createWorkshop(db(), { day: "2026-07-08", start: "14:30", end: "16:00", capacity: 10, title: "afternoon" });
    const request = { registrationId, personId: person.id, now, publicUrl };
    await signUp(db(), { ...request, sessionId: morning });
    const first = (await outbox(person.email)).filter((mail) => mail.replace_key !== null);
    expect(first).toHaveLength(1);
    const firstCalendar = calendarOf(first[0]?.attachments[0]);
    expect(firstCalendar.calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    const uidsBefore = firstCalendar.events.map((event) => String(event.getFirstPropertyValue("uid")));
    expect(firstCalendar.events.map((event) => event.getFirstPropertyValue("sequence"))).toEqual(firstCalendar.events.map(() => 1));
    // The message waits a little for further changes.
    expect(first[0]!.next_attempt_at.getTime()).toBeGreaterThan(now.getTime());

    await signUp(db(), { ...request, sessionId: afternoon });
    await cancelSignup(db(), { ...request, sessionId: morning });
    const updates = (await outbox(person.email)).filter((mail) => mail.replace_key !== null);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.id).toBe(first[0]?.id);
    const { events } = calendarOf(updates[0]?.attachments[0]);
    expect(events.map((event) => event.getFirstPropertyValue("sequence"))).toEqual(events.map(() => 3));
    const dtstamp = events[0]?.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(dtstamp.toJSDate().toISOString()).toBe(now.toISOString());
    const byTitle = new Map(events.map((event) => [String(event.getFirstPropertyValue("summary")), event]));
    const left = byTitle.get("Workshop morning");
    expect(left?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(uidsBefore).toContain(String(left?.getFirstPropertyValue("uid")));
    expect(byTitle.get("Workshop afternoon")?.getFirstPropertyValue("status")).toBeNull();
    // Sessions open to all kept their UIDs from one copy to the next.
    const opening = [...byTitle.keys()].find((title) => title.startsWith("Official opening"));
    expect(uidsBefore).toContain(String(byTitle.get(opening ?? "")?.getFirstPropertyValue("uid")));
    const { agenda_sequence } = await db().selectFrom("registration").where("id", "=", registrationId).select("agenda_sequence").executeTakeFirstOrThrow();
    expect(agenda_sequence).toBe(3);

    // Once a worker holds the message, a later change is a message of its own.
    await db().updateTable("mail_outbox").set({ claimed_by: crypto.randomUUID(), locked_until: new Date(Date.now() + 60_000) }).where("id", "=", updates[0]!.id).execute();
    await signUp(db(), { ...request, sessionId: morning });
    expect((await outbox(person.email)).filter((mail) => mail.replace_key !== null)).toHaveLength(2);
  });

  it("writes the agenda's sequence into the feed, whose address the space shows again after a reload, and to nobody else", async () => {
    const { person, registrationId } = await confirmedIn2026("en");
    const workshop = await createWorkshop(db(), { start: "11:00", end: "12:00", capacity: 10, title: "feed" });
    await signUp(db(), { registrationId, personId: person.id, sessionId: workshop, now, publicUrl });
    const secret = "a-test-secret-of-more-than-thirty-two-characters";
    const token = await createCalendarFeed(db(), person.id, now, secret);
    expect(await calendarFeedOf(db(), person.id, secret)).toEqual({ state: "open", token });
    expect(await calendarFeedOf(db(), person.id, "another-secret-of-more-than-thirty-two-characters")).toEqual({ state: "lost" });
    const stranger = await createPerson(db());
    expect(await calendarFeedOf(db(), stranger.id, secret)).toEqual({ state: "none" });
    const feed = new ICAL.Component(ICAL.parse(await personalFeed(db(), token, publicUrl)));
    const sequences = feed.getAllSubcomponents("vevent").filter((event) => String(event.getFirstPropertyValue("dtstart")).startsWith("2026"));
    expect(sequences.length).toBeGreaterThan(0);
    for (const event of sequences) expect(event.getFirstPropertyValue("sequence")).toBe(1);
  });

  it("shows the person their summary in the space: status, reference, answers, consents and workshops", async () => {
    const { person, registrationId } = await confirmedIn2026("en");
    const workshop = await createWorkshop(db(), { start: "17:00", end: "18:00", capacity: 10, title: "summary" });
    await signUp(db(), { registrationId, personId: person.id, sessionId: workshop, now, publicUrl });
    const space = await personalSpace(db(), { personId: person.id }, now);
    const confirmation = space.registrations.find((registration) => registration.id === registrationId)?.confirmation;
    expect(confirmation).toMatchObject({
      status: "confirmed",
      reference: expect.stringMatching(referencePattern),
      consents: expect.arrayContaining([{ kind: "photos", granted: true, text: "I agree to be photographed", recordedAt: new Date("2026-05-01T10:00:00Z") }]),
      workshops: [expect.objectContaining({ id: workshop, status: "confirmed" })],
      delegation: null,
    });
  });
});
