import type { Kysely } from "kysely";
import ICAL from "ical.js";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import { programmeCalendar } from "~/features/calendar/calendar.server";
import { getEdition } from "~/features/editions/editions.server";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { register } from "~/features/registration/registration.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, registrationRequest, signedInOrganiser } from "~/test/factories";
import { addDay, createRoom, createSession, deleteSession, programmeEditor, removeDay, sessionForEditing, updateRoom, updateSession } from "./editor.server";
import type { SessionInput } from "./programme-forms";
import { listSessions } from "./programme.server";
import { createSpeaker, publicSpeakers, removeSpeaker, updateSpeaker } from "./speakers.server";

const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("programme editor on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => database().db;

  async function setting(year = 2026) {
    const { access } = await signedInOrganiser(db(), year, now);
    const editor = await programmeEditor(db(), access);
    const [day] = editor.days;
    const [room] = editor.rooms;
    if (!day || !room) throw new Error("the demo edition has days and rooms");
    return { access, editor, day, room };
  }

  function input(dayId: number, overrides: Partial<SessionInput> = {}): SessionInput {
    return {
      kind: "workshop_thematic",
      title: { fr: "Atelier des villes", en: "Cities' workshop" },
      description: { fr: "Premier paragraphe.\n\nSecond.", en: "First paragraph.\n\nSecond." },
      dayId,
      startsAt: new Date("2026-07-08T16:00:00+02:00"),
      endsAt: new Date("2026-07-08T17:00:00+02:00"),
      roomId: null,
      requiresSignup: false,
      capacity: null,
      speakers: [],
      ...overrides,
    };
  }

  const create = (access: BackOfficeAccess, value: SessionInput) => db().transaction().execute((tx) => createSession(tx, access, value, now));
  const auditOf = (subjectType: string, subjectId: number) =>
    db().selectFrom("audit_log").selectAll().where("subject_type", "=", subjectType).where("subject_id", "=", String(subjectId)).orderBy("id").execute();

  it("gives a speaker a photo, served from the edition's media, and removes it with them", async () => {
    const { access, day } = await setting();
    const png = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#336699" } }).png().toBuffer();
    const photo = new File([new Uint8Array(png)], "portrait.png", { type: "image/png" });
    const speaker = await db().transaction().execute((tx) => createSpeaker(tx, access, { name: "Photo Person", organisation: null, role: null, biography: null }, now, photo));
    await create(access, input(day.id, { speakers: [{ speakerId: speaker.id, part: "speaker" }] }));
    const shown = (await publicSpeakers(db(), access.editionId)).find((found) => found.id === speaker.id);
    expect(shown?.photo).toMatch(/^\/media\/\d+-[\w-]+\.webp$/);
    const media = await db().selectFrom("media").select(["id", "width", "edition_id"]).where("id", "=", shown!.photo_media_id!).executeTakeFirstOrThrow();
    expect(media).toMatchObject({ width: 800, edition_id: access.editionId });
    await updateSpeaker(db(), access, speaker.id, { name: "Photo Person", organisation: null, role: null, biography: null }, now, { remove: true });
    expect((await publicSpeakers(db(), access.editionId)).find((found) => found.id === speaker.id)?.photo).toBeNull();
    expect(await db().selectFrom("media").select("id").where("id", "=", media.id).execute()).toEqual([]);
  });

  it("creates a session with its speakers and logs it; an edit keeps its calendar UID and logs before and after", async () => {
    const { access, day, room } = await setting();
    const speaker = await db().transaction().execute((tx) =>
      createSpeaker(tx, access, { name: "Awa Diallo", organisation: "Ville de Dakar", role: null, biography: { fr: "Maire.", en: "Mayor." } }, now),
    );
    const { id } = await create(access, input(day.id, { roomId: room.id, speakers: [{ speakerId: speaker.id, part: "moderator" }] }));
    const { session } = await sessionForEditing(db(), access, id);
    expect(session).toMatchObject({ kind: "workshop_thematic", room_id: room.id, speakers: [{ id: speaker.id, name: "Awa Diallo", part: "moderator" }] });
    const uid = session.uid;

    await updateSession(db(), access, id, input(day.id, { title: { fr: "Atelier renommé", en: "Renamed workshop" }, startsAt: new Date("2026-07-08T16:30:00+02:00") }), now);
    const edited = await sessionForEditing(db(), access, id);
    expect(edited.session).toMatchObject({ uid, title: { en: "Renamed workshop" }, room_id: null, speakers: [] });

    // The public calendar names the session by the same UID before and after the edit.
    const edition = await getEdition(db(), 2026);
    const calendar = programmeCalendar({ edition, sessions: await listSessions(db(), edition.id), language: "en", publicUrl: "https://example.org" });
    const events = new ICAL.Component(ICAL.parse(calendar)).getAllSubcomponents("vevent").map((event) => new ICAL.Event(event));
    const event = events.find((candidate) => candidate.summary === "Renamed workshop");
    expect(event?.uid).toBe(`${uid}@example.org`);
    expect(event?.startDate.toJSDate().toISOString()).toBe("2026-07-08T14:30:00.000Z");

    const log = await auditOf("session", id);
    expect(log.map((entry) => entry.action)).toEqual(["programme.session.create", "programme.session.update"]);
    expect(log[1]).toMatchObject({
      actor_person_id: access.personId,
      edition_id: access.editionId,
      before: { title: { en: "Cities' workshop" }, room_id: room.id, speakers: [{ id: speaker.id, part: "moderator" }] },
      after: { title: { en: "Renamed workshop" }, room_id: null, speakers: [] },
    });
  });

  it("refuses a day, room or speaker of another edition with a 404, changing nothing", async () => {
    const mine = await setting(2026);
    const theirs = await setting(2025);
    const speaker2025 = await db().transaction().execute((tx) => createSpeaker(tx, theirs.access, { name: "Lastyear", organisation: null, role: null, biography: null }, now));
    const sessionsBefore = (await programmeEditor(db(), mine.access)).sessions.length;
    await expect(create(mine.access, input(theirs.day.id))).rejects.toMatchObject({ code: "day_not_found" });
    await expect(create(mine.access, input(mine.day.id, { roomId: theirs.room.id }))).rejects.toMatchObject({ code: "room_not_found" });
    await expect(create(mine.access, input(mine.day.id, { speakers: [{ speakerId: speaker2025.id, part: "speaker" }] }))).rejects.toMatchObject({ code: "speaker_not_found" });
    expect((await programmeEditor(db(), mine.access)).sessions).toHaveLength(sessionsBefore);

    const session2025 = theirs.editor.sessions[0];
    if (!session2025) throw new Error("2025 has sessions");
    await expect(updateSession(db(), mine.access, session2025.id, input(mine.day.id), now)).rejects.toMatchObject({ code: "session_not_found" });
    await expect(deleteSession(db(), mine.access, session2025.id, now)).rejects.toMatchObject({ code: "session_not_found" });
    await expect(updateRoom(db(), mine.access, theirs.room.id, { name: { fr: "X", en: "X" }, capacity: 1 }, now)).rejects.toMatchObject({ code: "room_not_found" });
    await expect(updateSpeaker(db(), mine.access, speaker2025.id, { name: "X", organisation: null, role: null, biography: null }, now)).rejects.toMatchObject({ code: "speaker_not_found" });
    await expect(removeSpeaker(db(), mine.access, speaker2025.id, now)).rejects.toMatchObject({ code: "speaker_not_found" });
    await expect(removeDay(db(), mine.access, theirs.day.id, now)).rejects.toMatchObject({ code: "day_not_found" });

    const untouched = await sessionForEditing(db(), theirs.access, session2025.id);
    expect(untouched.session.title).toEqual(session2025.title);
    expect((await programmeEditor(db(), theirs.access)).rooms).toEqual(theirs.editor.rooms);
    expect(await auditOf("session", session2025.id)).toEqual([]);
  });

  it("refuses to delete a session in which someone holds a seat or a wish, and deletes one that is empty", async () => {
    const { access, day } = await setting();
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db());
    const { id: registrationId } = await register(db(), registrationRequest(edition.id, person));
    const seated = await create(access, input(day.id, { requiresSignup: true, capacity: 10 }));
    await db().insertInto("session_signup").values({ session_id: seated.id, registration_id: registrationId, status: "confirmed" }).execute();
    await expect(deleteSession(db(), access, seated.id, now)).rejects.toMatchObject({ code: "session_has_participants" });
    // Nor may an edit end its sign-up, or offer fewer seats than are taken; as many is fine.
    await expect(updateSession(db(), access, seated.id, input(day.id), now)).rejects.toMatchObject({ code: "session_seats_taken" });
    await updateSession(db(), access, seated.id, input(day.id, { requiresSignup: true, capacity: 1 }), now);
    await db().insertInto("session_signup").values({ session_id: seated.id, registration_id: (await register(db(), registrationRequest(edition.id, await createPerson(db())))).id, status: "confirmed" }).execute();
    await expect(updateSession(db(), access, seated.id, input(day.id, { requiresSignup: true, capacity: 1 }), now)).rejects.toMatchObject({ code: "session_seats_taken" });
    expect((await sessionForEditing(db(), access, seated.id)).session).toMatchObject({ requires_signup: true, capacity: 1 });

    const wished = await create(access, input(day.id, { requiresSignup: true, capacity: 10 }));
    const { id: roundId } = await db()
      .insertInto("wish_round")
      .values({ edition_id: edition.id, opens_at: "2026-05-01T00:00:00Z", closes_at: "2026-05-15T00:00:00Z", seed: "s" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db().updateTable("session").set({ wish_round_id: roundId }).where("id", "=", wished.id).execute();
    await db().insertInto("session_wish").values({ wish_round_id: roundId, registration_id: registrationId, session_id: wished.id, rank: 1 }).execute();
    await expect(deleteSession(db(), access, wished.id, now)).rejects.toMatchObject({ code: "session_has_participants" });
    // An edit leaves the session in its round.
    await updateSession(db(), access, wished.id, input(day.id, { requiresSignup: true, capacity: 12 }), now);
    expect((await sessionForEditing(db(), access, wished.id)).session.wish_round_id).toBe(roundId);

    const empty = await create(access, input(day.id));
    await deleteSession(db(), access, empty.id, now);
    await expect(sessionForEditing(db(), access, empty.id)).rejects.toMatchObject({ code: "session_not_found" });
    expect((await auditOf("session", empty.id)).map((entry) => entry.action)).toEqual(["programme.session.create", "programme.session.delete"]);
    // The refused changes left no trace; the edit that went through did.
    expect((await auditOf("session", seated.id)).map((entry) => entry.action)).toEqual(["programme.session.create", "programme.session.update"]);
  });

  it("adds a day, refuses it twice, and removes only a day without sessions", async () => {
    const { access, day } = await setting();
    const added = await db().transaction().execute((tx) => addDay(tx, access, "2026-07-10", now));
    await expect(db().transaction().execute((tx) => addDay(tx, access, "2026-07-10", now))).rejects.toMatchObject({ code: "programme_day_exists" });
    await expect(removeDay(db(), access, day.id, now)).rejects.toMatchObject({ code: "day_has_sessions" });
    await removeDay(db(), access, added.id, now);
    expect((await programmeEditor(db(), access)).days.map((d) => d.day)).toEqual(["2026-07-08", "2026-07-09"]);
    expect((await auditOf("edition_day", added.id)).map((entry) => [entry.action, entry.before ?? entry.after])).toEqual([
      ["programme.day.add", { day: "2026-07-10" }],
      ["programme.day.remove", { day: "2026-07-10" }],
    ]);
  });

  it("adds and renames a room of the venue, logged before and after", async () => {
    const { access } = await setting();
    const room = await db().transaction().execute((tx) => createRoom(tx, access, { name: { fr: "Salle C", en: "Room C" }, capacity: 30 }, now));
    await updateRoom(db(), access, room.id, { name: { fr: "Salle Cèdre", en: "Cedar room" }, capacity: 25 }, now);
    expect((await programmeEditor(db(), access)).rooms.find((r) => r.id === room.id)).toMatchObject({ name: { en: "Cedar room" }, capacity: 25 });
    expect((await auditOf("room", room.id)).at(-1)).toMatchObject({ before: { capacity: 30 }, after: { capacity: 25 } });
  });

  it("removes only a speaker on no session; the public page lists speakers who are on one, with their sessions", async () => {
    const { access, day } = await setting();
    const edition = await getEdition(db(), 2026);
    const busy = await db().transaction().execute((tx) => createSpeaker(tx, access, { name: "Busy", organisation: "Org", role: null, biography: null }, now));
    const idle = await db().transaction().execute((tx) => createSpeaker(tx, access, { name: "Idle", organisation: null, role: null, biography: null }, now));
    const session = await create(access, input(day.id, { speakers: [{ speakerId: busy.id, part: "speaker" }] }));
    await expect(removeSpeaker(db(), access, busy.id, now)).rejects.toMatchObject({ code: "speaker_on_sessions" });
    const shown = await publicSpeakers(db(), edition.id);
    expect(shown.map((speaker) => speaker.name)).toContain("Busy");
    expect(shown.map((speaker) => speaker.name)).not.toContain("Idle");
    expect(shown.find((speaker) => speaker.name === "Busy")?.sessions.map((s) => s.id)).toEqual([session.id]);
    await removeSpeaker(db(), access, idle.id, now);
    expect((await programmeEditor(db(), access)).speakers.map((speaker) => speaker.name)).not.toContain("Idle");
    expect((await auditOf("speaker", idle.id)).map((entry) => entry.action)).toEqual(["programme.speaker.create", "programme.speaker.remove"]);
  });

  it("warns, on the editor, of a room in two places at once and of a room too small", async () => {
    const { access, day, room } = await setting();
    const first = await create(access, input(day.id, { roomId: room.id, startsAt: new Date("2026-07-08T20:00:00+02:00"), endsAt: new Date("2026-07-08T21:00:00+02:00") }));
    const second = await create(
      access,
      input(day.id, { roomId: room.id, startsAt: new Date("2026-07-08T20:30:00+02:00"), endsAt: new Date("2026-07-08T21:30:00+02:00"), requiresSignup: true, capacity: (room.capacity ?? 0) + 1 }),
    );
    const { warnings } = await sessionForEditing(db(), access, second.id);
    expect(warnings).toEqual(
      expect.arrayContaining([
        { kind: "room_overlap", roomId: room.id, sessionIds: [first.id, second.id] },
        expect.objectContaining({ kind: "room_too_small", sessionIds: [second.id] }),
      ]),
    );
  });

  it("gives each edition its own speakers, the demo's speaker included", async () => {
    const rows = await db().selectFrom("speaker").innerJoin("edition", "edition.id", "speaker.edition_id").select(["speaker.name", "edition.year"]).where("speaker.name", "=", "Michaël Delafosse").orderBy("edition.year").execute();
    expect(rows.map((row) => row.year)).toEqual([2025, 2026]);
    const crossed = await db()
      .selectFrom("session_speaker")
      .innerJoin("session", "session.id", "session_speaker.session_id")
      .innerJoin("speaker", "speaker.id", "session_speaker.speaker_id")
      .whereRef("session.edition_id", "!=", "speaker.edition_id")
      .select("session.id")
      .execute();
    expect(crossed).toEqual([]);
    // The database itself refuses a speaker of 2025 on a session of 2026.
    const e2025 = await getEdition(db(), 2025);
    const e2026 = await getEdition(db(), 2026);
    const speaker2025 = await db().selectFrom("speaker").where("edition_id", "=", e2025.id).select("id").executeTakeFirstOrThrow();
    const session2026 = await db().selectFrom("session").where("edition_id", "=", e2026.id).select("id").executeTakeFirstOrThrow();
    await expect(db().insertInto("session_speaker").values({ session_id: session2026.id, speaker_id: speaker2025.id, role: "speaker" }).execute()).rejects.toThrow(/not of the edition/);
  });
});
