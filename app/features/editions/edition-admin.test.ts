import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import { zonedTime } from "~/features/calendar/zoned-time";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createStaff, signedInOrganiser, staffSession } from "~/test/factories";
import { copyEdition } from "./copy.server";
import { getEdition, leadingEditionYear } from "./editions.server";
import { setPublished, staffEditions, updateEdition } from "./edition-admin.server";
import { shiftDay, shiftInstant } from "./shift";
import { countMissingTranslations, missingTranslations } from "./translations.server";
import { localisedText } from "~/lib/localised";

const now = new Date("2026-11-02T10:00:00Z");

/** Everything stored about an edition, as rows: what a copy must leave untouched. */
async function snapshot(db: Kysely<DB>, editionId: number) {
  const edition = await db.selectFrom("edition").selectAll().where("id", "=", editionId).executeTakeFirstOrThrow();
  const sessions = await db.selectFrom("session").selectAll().where("edition_id", "=", editionId).orderBy("id").execute();
  return {
    edition,
    days: await db.selectFrom("edition_day").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    sessions,
    speakers: await db
      .selectFrom("session_speaker")
      .innerJoin("speaker", "speaker.id", "session_speaker.speaker_id")
      .select(["session_speaker.session_id", "session_speaker.role", "session_speaker.position", "speaker.id as speaker_id", "speaker.edition_id as speaker_edition_id", "speaker.name", "speaker.biography"])
      .where("session_id", "in", sessions.map((s) => s.id))
      .orderBy("session_id")
      .execute(),
    practical: await db.selectFrom("practical_section").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    questions: await db.selectFrom("registration_question").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    supporters: await db.selectFrom("supporter").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    contacts: await db.selectFrom("edition_contact").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    links: await db.selectFrom("edition_link").selectAll().where("edition_id", "=", editionId).orderBy("id").execute(),
    venue: await db.selectFrom("venue").selectAll().where("id", "=", edition.venue_id).execute(),
    access: await db.selectFrom("venue_access").selectAll().where("venue_id", "=", edition.venue_id).orderBy("id").execute(),
    rooms: await db.selectFrom("room").selectAll().where("venue_id", "=", edition.venue_id).orderBy("id").execute(),
  };
}

/** A person holding `role` on every edition, with their proof on the edition of `year`. */
async function everywhere(db: Kysely<DB>, year: number, role: "owner" | "organiser" = "owner") {
  const person = await createStaff(db, role, null);
  const { cookie } = await staffSession(db, person, now);
  const request = new Request(`http://localhost:3000/fr/${year}/organisation`, { headers: { Cookie: cookie } });
  return requireBackOffice(request, { db, now: () => now, env: { PUBLIC_URL: "http://localhost:3000" } }, year, "content");
}

const local = (instant: Date) => {
  const time = zonedTime(instant, "Europe/Paris");
  return `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
};

describe.each(databaseKinds)("editions in the back office on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  it("moves days by the calendar and instants by the wall clock across the end of March change of time", () => {
    expect(shiftDay("2026-07-08", 262)).toBe("2027-03-27");
    // 09:30 in Paris summer time, 262 days later: 09:30 in winter time on the 27th, summer on the 28th.
    expect(shiftInstant(new Date("2026-07-08T07:30:00Z"), 262, "Europe/Paris").toISOString()).toBe("2027-03-27T08:30:00.000Z");
    expect(shiftInstant(new Date("2026-07-09T07:30:00Z"), 262, "Europe/Paris").toISOString()).toBe("2027-03-28T07:30:00.000Z");
  });

  it("copies 2026 into a 2027 draft: days and sessions moved keeping local times across the change of time, new uids, everything else alike, the source unchanged", async () => {
    const { access } = await everywhere(db(), 2026);
    const source = await snapshot(db(), access.editionId);
    const copied = await db()
      .transaction()
      .execute((tx) => copyEdition(tx, access, { year: 2027, number: 18, first_day: "2027-03-27" }, now));
    expect(await snapshot(db(), access.editionId)).toEqual(source);

    const copy = await snapshot(db(), copied.editionId);
    expect(copy.edition).toMatchObject({ year: 2027, number: 18, published: false, title: source.edition.title, theme: source.edition.theme, summary: source.edition.summary, hashtag: source.edition.hashtag, honour_text: source.edition.honour_text, time_zone: "Europe/Paris" });
    expect(copy.days.map((d) => d.day)).toEqual(["2027-03-27", "2027-03-28"]);
    // The registration window moves by the same 262 days, at the same local times.
    expect(local(copy.edition.registration_opens_at)).toBe(local(source.edition.registration_opens_at));
    expect(copy.edition.registration_opens_at.toISOString()).toBe(shiftInstant(source.edition.registration_opens_at, 262, "Europe/Paris").toISOString());

    expect(copy.sessions).toHaveLength(source.sessions.length);
    const dayOf = new Map(copy.days.map((d) => [d.id, d.day]));
    const sourceDayOf = new Map(source.days.map((d) => [d.id, d.day]));
    copy.sessions.forEach((session, index) => {
      const original = source.sessions[index]!;
      expect(local(session.starts_at)).toBe(local(original.starts_at));
      expect(local(session.ends_at)).toBe(local(original.ends_at));
      expect(dayOf.get(session.day_id)).toBe(shiftDay(sourceDayOf.get(original.day_id)!, 262));
      expect(session).toMatchObject({ kind: original.kind, title: original.title, description: original.description, capacity: original.capacity, requires_signup: original.requires_signup, position: original.position, wish_round_id: null });
      expect(session.uid).not.toBe(original.uid);
    });
    // Saturday is winter time (+01:00), Sunday summer time (+02:00): the same 09:00 is an hour apart in UTC.
    const offsets = new Set(copy.sessions.map((s) => zonedTime(s.starts_at, "Europe/Paris").offsetSeconds));
    expect(offsets).toEqual(new Set([3600, 7200]));
    expect(new Set(copy.sessions.map((s) => s.uid)).size).toBe(copy.sessions.length);
    // Speakers belong to one edition: the copy's sessions name copies of them, in the new edition.
    expect(copy.speakers.map(({ name, biography, role, position }) => ({ name, biography, role, position }))).toEqual(
      source.speakers.map(({ name, biography, role, position }) => ({ name, biography, role, position })),
    );
    expect(copy.speakers.every((link) => link.speaker_edition_id === copy.edition.id)).toBe(true);
    expect(copy.speakers.length).toBeGreaterThan(0);
    const strip = <T extends { id: number; edition_id?: number; venue_id?: number }>(rows: T[]) => rows.map(({ id: _id, edition_id: _e, venue_id: _v, ...rest }) => rest);
    expect(strip(copy.questions)).toEqual(strip(source.questions));
    expect(strip(copy.supporters)).toEqual(strip(source.supporters));
    expect(strip(copy.practical)).toEqual(strip(source.practical));
    expect(copy.practical.length).toBeGreaterThan(0);
    expect(strip(copy.contacts)).toEqual(strip(source.contacts));
    expect(strip(copy.links)).toEqual(strip(source.links));
    expect(strip(copy.access)).toEqual(strip(source.access));
    expect(strip(copy.rooms)).toEqual(strip(source.rooms));
    expect(strip(copy.venue)).toEqual(strip(source.venue));
    expect(copy.edition.venue_id).not.toBe(source.edition.venue_id);
    // Rooms are the copied venue's.
    const copiedRooms = new Set(copy.rooms.map((room) => room.id));
    expect(copy.sessions.every((session) => session.room_id === null || copiedRooms.has(session.room_id))).toBe(true);

    // A draft: invisible to the public reads, reached by the back office.
    await expect(getEdition(db(), 2027)).rejects.toMatchObject({ code: "edition_not_found" });
    expect((await getEdition(db(), 2027, { drafts: true })).id).toBe(copied.editionId);
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "edition.copy").execute();
    expect(log).toMatchObject([{ edition_id: copied.editionId, actor_person_id: access.personId, subject_id: String(copied.editionId) }]);
    // The year and number are taken now.
    await expect(db().transaction().execute((tx) => copyEdition(tx, access, { year: 2027, number: 19, first_day: "2027-03-27" }, now))).rejects.toMatchObject({ code: "edition_year_taken" });
    await expect(db().transaction().execute((tx) => copyEdition(tx, access, { year: 2028, number: 18, first_day: "2028-03-27" }, now))).rejects.toMatchObject({ code: "edition_number_taken" });
  });

  it("lets only a person with content on every edition copy, and creates nothing otherwise", async () => {
    const count = async () => (await db().selectFrom("edition").select("id").execute()).length;
    const before = await count();
    const organiser = await signedInOrganiser(db(), 2025, now);
    await expect(db().transaction().execute((tx) => copyEdition(tx, organiser.access, { year: 2040, number: 40, first_day: "2040-07-01" }, now))).rejects.toMatchObject({ code: "not_staff" });
    expect(await count()).toBe(before);
    const { access } = await everywhere(db(), 2025, "organiser");
    await db().transaction().execute((tx) => copyEdition(tx, access, { year: 2041, number: 41, first_day: "2041-07-01" }, now));
    expect(await count()).toBe(before + 1);
  });

  it("counts every text missing a language in the edition's rows, and lists where it is", async () => {
    const { access } = await everywhere(db(), 2026);
    const draft = await db().transaction().execute((tx) => copyEdition(tx, access, { year: 2030, number: 30, first_day: "2030-07-03" }, now));
    const { access: draftAccess } = await everywhere(db(), 2030);
    expect(await countMissingTranslations(db(), draftAccess)).toBe(0);
    await db().updateTable("edition").set({ title: JSON.stringify({ fr: "Rencontres", en: "" }) }).where("id", "=", draft.editionId).execute();
    const session = await db().selectFrom("session").select(["id", "title"]).where("edition_id", "=", draft.editionId).orderBy("id").executeTakeFirstOrThrow();
    await db().updateTable("session").set({ title: JSON.stringify({ fr: "", en: session.title.en }), description: JSON.stringify({ fr: "Texte", en: "" }) }).where("id", "=", session.id).execute();
    const question = await db().selectFrom("registration_question").select("id").where("edition_id", "=", draft.editionId).orderBy("id").executeTakeFirstOrThrow();
    await db().updateTable("registration_question").set({ label: JSON.stringify({ fr: "Régime", en: "" }) }).where("id", "=", question.id).execute();
    const supporter = await db().selectFrom("supporter").select("id").where("edition_id", "=", draft.editionId).orderBy("id").executeTakeFirstOrThrow();
    await db().updateTable("supporter").set({ name: JSON.stringify({ fr: "", en: "Partner" }) }).where("id", "=", supporter.id).execute();

    const missing = await missingTranslations(db(), draftAccess);
    expect(missing.map((item) => [item.place, item.missing])).toEqual([
      [{ form: "edition", field: "title" }, "en"],
      [{ form: "session", id: session.id, field: "title" }, "fr"],
      [{ form: "session", id: session.id, field: "description" }, "en"],
      [{ form: "question", id: question.id, field: "label" }, "en"],
      [{ form: "supporter", id: supporter.id, field: "name" }, "fr"],
    ]);
    // Other editions count their own texts only.
    expect(await countMissingTranslations(db(), access)).toBe(0);

    // Publishing asks for a confirmation, then logs the change.
    await expect(setPublished(db(), draftAccess, { published: true, confirmed: false }, now)).rejects.toMatchObject({ code: "missing_translations_unconfirmed" });
    expect((await db().selectFrom("edition").select("published").where("id", "=", draft.editionId).executeTakeFirstOrThrow()).published).toBe(false);
    await setPublished(db(), draftAccess, { published: true, confirmed: true }, now);
    expect((await getEdition(db(), 2030)).id).toBe(draft.editionId);
    const log = await db().selectFrom("audit_log").selectAll().where("edition_id", "=", draft.editionId).where("action", "=", "edition.publish").execute();
    expect(log).toMatchObject([{ before: { published: false }, after: { published: true } }]);
    // A published text missing in English shows the French one, said to be French.
    expect(localisedText({ fr: "Rencontres", en: "" }, "en")).toEqual({ text: "Rencontres", lang: "fr" });
    expect(localisedText({ fr: "Rencontres", en: "Meetings" }, "en")).toEqual({ text: "Meetings", lang: "en" });
  });

  it("refuses a text empty in both languages, and a shared text (a room, an access line) missing one", async () => {
    const edition = await getEdition(db(), 2026);
    await expect(db().updateTable("edition").set({ title: JSON.stringify({ fr: "", en: "" }) }).where("id", "=", edition.id).execute()).rejects.toThrow();
    await expect(db().updateTable("edition").set({ title: JSON.stringify({ fr: "Titre" }) }).where("id", "=", edition.id).execute()).rejects.toThrow();
    await expect(db().updateTable("room").set({ name: JSON.stringify({ fr: "Salle", en: "" }) }).where("venue_id", "=", edition.venue_id).execute()).rejects.toThrow();
    await expect(db().updateTable("venue_access").set({ details: JSON.stringify({ fr: "Métro", en: "" }) }).where("venue_id", "=", edition.venue_id).execute()).rejects.toThrow();
  });

  it("updates the edition's fields, moves a day with its sessions at the same local times, and logs before and after", async () => {
    const { access } = await everywhere(db(), 2026);
    const draft = await db().transaction().execute((tx) => copyEdition(tx, access, { year: 2031, number: 31, first_day: "2031-07-02" }, now));
    const { access: draftAccess } = await everywhere(db(), 2031);
    const before = await snapshot(db(), draft.editionId);
    await updateEdition(
      db(),
      draftAccess,
      {
        title: { fr: "Rencontres 2031", en: "" },
        theme: before.edition.theme,
        summary: before.edition.summary,
        honourText: null,
        hashtag: "AICT2031",
        honouredCountryCode: "SN",
        timeZone: "Europe/Paris",
        days: ["2031-07-02", "2031-07-04"],
      },
      now,
    );
    const after = await snapshot(db(), draft.editionId);
    expect(after.edition).toMatchObject({ title: { fr: "Rencontres 2031", en: "" }, hashtag: "AICT2031", honoured_country_code: "SN", honour_text: null });
    expect(after.days.map((d) => d.day)).toEqual(["2031-07-02", "2031-07-04"]);
    const secondDay = after.days[1]!.id;
    const moved = after.sessions.filter((s) => s.day_id === secondDay);
    expect(moved.length).toBeGreaterThan(0);
    for (const session of moved) {
      const original = before.sessions.find((s) => s.id === session.id)!;
      expect(session.starts_at.getTime() - original.starts_at.getTime()).toBe(86_400_000);
    }
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "edition.update").where("edition_id", "=", draft.editionId).execute();
    expect(log).toMatchObject([{ before: { hashtag: before.edition.hashtag, days: ["2031-07-02", "2031-07-03"] }, after: { hashtag: "AICT2031", days: ["2031-07-02", "2031-07-04"] } }]);
    // A day holding sessions cannot be removed; nothing changes then.
    await expect(updateEdition(db(), draftAccess, { title: { fr: "X", en: "X" }, theme: before.edition.theme, summary: before.edition.summary, honourText: null, hashtag: null, honouredCountryCode: null, timeZone: "Europe/Paris", days: ["2031-07-02"] }, now)).rejects.toMatchObject({ code: "day_has_sessions" });
    expect((await snapshot(db(), draft.editionId)).edition.title).toEqual({ fr: "Rencontres 2031", en: "" });
  });

  it("lists the editions a person works on, drafts included; a role on every edition reaches them all", async () => {
    const organiser = await createStaff(db(), "organiser", 2025);
    expect((await staffEditions(db(), organiser.id)).map((e) => e.year)).toEqual([2025]);
    const owner = await createStaff(db(), "owner", null);
    const all = await staffEditions(db(), owner.id);
    expect(all.map((e) => e.year)).toContain(2026);
    expect(all.some((e) => !e.published)).toBe(true);
    const stranger = await createStaff(db(), "checkin", 2026);
    await db().updateTable("staff_role").set({ revoked_at: new Date("2030-01-01T00:00:00Z") }).where("person_id", "=", stranger.id).execute();
    expect(await staffEditions(db(), stranger.id)).toEqual([]);
  });

  it("leads / to the next published edition whose last day is today or later, else to the latest", async () => {
    expect(await leadingEditionYear(db(), new Date("2025-06-01T10:00:00Z"))).toBe(2025);
    expect(await leadingEditionYear(db(), new Date("2026-07-09T21:00:00Z"))).toBe(2026);
    // Drafts (2027, 2031) never lead; 2030 was published above; past every edition, the latest published one.
    expect(await leadingEditionYear(db(), new Date("2026-07-10T10:00:00Z"))).toBe(2030);
    expect(await leadingEditionYear(db(), new Date("2035-01-01T10:00:00Z"))).toBe(2030);
  });
});
