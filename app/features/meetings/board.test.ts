import ICAL from "ical.js";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { register } from "~/features/registration/registration.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, personFields, registrationRequest, signedInOrganiser } from "~/test/factories";
import {
  addMeetingTables,
  deleteMeetingTable,
  listMeetingTables,
  moveMeeting,
  placeRequest,
  publishBoard,
  readBoard,
  removeMeeting,
  saveMeetingSettings,
  scheduleBoard,
  setMeetingLocked,
  swapMeetings,
  updateMeetingTable,
} from "./board.server";
import { createCalendarFeed, personalFeed } from "~/features/registration/calendar-feed.server";
import { personalSpace } from "~/features/registration/space.server";
import { cancelMeeting, freeTimes, myMeetings, placeOwnMeeting } from "./my-meetings.server";
import { saveOwnProfile } from "./profiles.server";

const now = new Date("2026-05-01T10:00:00Z");
const publicUrl = "https://rencontres.example.org";

describe.each(databaseKinds)("the board of B2B meetings on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => database().db;

  interface Someone {
    personId: number;
    registrationId: number;
    email: string;
  }

  /** An edition with one day and a B2B block of an hour (three slots of 20 minutes), and its organiser. */
  async function edition() {
    const editionId = await createEdition(db());
    const { year } = await db().selectFrom("edition").where("id", "=", editionId).select("year").executeTakeFirstOrThrow();
    const day = await db().insertInto("edition_day").values({ edition_id: editionId, day: "2026-07-09" }).returning("id").executeTakeFirstOrThrow();
    const block = await session(editionId, day.id, "b2b", "14:30", "15:30");
    const { access } = await signedInOrganiser(db(), year, now);
    // Opening the board cuts the blocks into slots.
    await readBoard(db(), access, {});
    return { editionId, dayId: day.id, block, access };
  }

  async function session(editionId: number, dayId: number, kind: "b2b" | "workshop_thematic", start: string, end: string) {
    const { id } = await db()
      .insertInto("session")
      .values({
        edition_id: editionId,
        day_id: dayId,
        starts_at: `2026-07-09T${start}:00+02:00`,
        ends_at: `2026-07-09T${end}:00+02:00`,
        kind,
        title: JSON.stringify({ fr: `Séance ${start}`, en: `Session ${start}` }),
        requires_signup: kind !== "b2b",
        capacity: kind === "b2b" ? null : 10,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  }

  async function participant(editionId: number, family: string, options: { language?: "fr" | "en"; maxMeetings?: number; unavailable?: number[]; delegationId?: number } = {}): Promise<Someone> {
    const person = await createPerson(db(), { language: options.language ?? "fr" });
    const { id } = await register(db(), registrationRequest(editionId, person, { fields: personFields({ email: person.email, family_name: family, given_name: "Alex" }) }));
    await db().updateTable("registration").set({ status: "confirmed", delegation_id: options.delegationId ?? null }).where("id", "=", id).execute();
    await saveOwnProfile(db(), {
      editionId,
      personId: person.id,
      fields: { region: "", offer: "", seek: "", themeIds: [], countries: [], maxMeetings: options.maxMeetings ?? null, unavailableBlockIds: options.unavailable ?? [] },
      publish: true,
      consentText: "I agree",
      language: "fr",
      now,
    });
    return { personId: person.id, registrationId: id, email: person.email };
  }

  async function accepted(editionId: number, a: Someone, b: Someone, priority: "must" | "would_like" = "must", groupMeeting = false) {
    const { id } = await db()
      .insertInto("meeting_request")
      .values({ edition_id: editionId, requester_registration_id: a.registrationId, invitee_registration_id: b.registrationId, priority, status: "accepted", group_meeting: groupMeeting })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  }

  const slotsOf = (editionId: number) => db().selectFrom("meeting_slot").where("edition_id", "=", editionId).select(["id", "starts_at"]).orderBy("starts_at").execute();
  const placed = (editionId: number) =>
    db()
      .selectFrom("meeting")
      .where("edition_id", "=", editionId)
      .select(["id", "request_id", "slot_id", "table_id", "locked", "announced"])
      .orderBy("request_id")
      .execute();
  const mailsTo = (someone: Someone) => db().selectFrom("mail_outbox").where("to_address", "=", someone.email).select(["subject", "text_body", "language"]).orderBy("id").execute();

  it("cuts each B2B block into slots of the chosen length, and keeps that length while meetings sit in them", async () => {
    const { editionId, access } = await edition();
    await readBoard(db(), access, {});
    expect((await slotsOf(editionId)).map((slot) => slot.starts_at.toISOString())).toEqual(["2026-07-09T12:30:00.000Z", "2026-07-09T12:50:00.000Z", "2026-07-09T13:10:00.000Z"]);
    // 25 minutes leave a last piece of 10 minutes, too short for a meeting.
    await saveMeetingSettings(db(), access, { slotMinutes: 25, requestsCloseAt: null, now });
    expect(await slotsOf(editionId)).toHaveLength(2);
    await saveMeetingSettings(db(), access, { slotMinutes: 20, requestsCloseAt: null, now });
    await addMeetingTables(db(), access, { count: 1, seats: 2, label: "Table", now });
    const [a, b] = [await participant(editionId, "Ana"), await participant(editionId, "Bea")];
    await accepted(editionId, a, b);
    await scheduleBoard(db(), access, { now });
    await expect(saveMeetingSettings(db(), access, { slotMinutes: 30, requestsCloseAt: null, now })).rejects.toMatchObject({ code: "meeting_slots_in_use" });
    await expect(saveMeetingSettings(db(), access, { slotMinutes: 3, requestsCloseAt: null, now })).rejects.toMatchObject({ code: "meeting_settings_invalid" });
  });

  it("schedules every accepted request it can, never against availability, workshop seats, tables or caps, and says why the rest has no place", async () => {
    const { editionId, dayId, access, block } = await edition();
    await addMeetingTables(db(), access, { count: 2, seats: 2, label: "Table", now });
    const workshop = await session(editionId, dayId, "workshop_thematic", "14:30", "14:50");
    const ana = await participant(editionId, "Ana", { maxMeetings: 2 });
    const bea = await participant(editionId, "Bea");
    const cid = await participant(editionId, "Cid");
    const dan = await participant(editionId, "Dan", { unavailable: [block] });
    const eva = await participant(editionId, "Eva");
    // Bea holds a workshop seat during the first slot.
    await db().insertInto("session_signup").values({ session_id: workshop, registration_id: bea.registrationId, status: "confirmed" }).execute();
    const ab = await accepted(editionId, ana, bea);
    const ac = await accepted(editionId, ana, cid);
    const ae = await accepted(editionId, ana, eva, "would_like");
    const cd = await accepted(editionId, cid, dan);
    const run = await scheduleBoard(db(), access, { now });
    const slots = await slotsOf(editionId);
    const rows = await placed(editionId);
    // Ana takes two meetings at most: the two "must" ones, worth more than the "would like".
    expect(rows.map((row) => row.request_id).sort()).toEqual([ab, ac].sort());
    expect(rows.find((row) => row.request_id === ab)!.slot_id).not.toBe(slots[0]!.id);
    expect(run).toMatchObject({ placed: 2, accepted: 4, value: 6, bound: 6, exactStage: "optimal" });
    const board = await readBoard(db(), access, {});
    expect(Object.fromEntries(board.unplaced.map((item) => [item.requestId, item.reason]))).toEqual({ [ae]: "cap", [cd]: "no_common_slot" });
    expect(board.meetings).toHaveLength(2);
    expect(board.lastRun).toMatchObject({ placed: 2, bound: 6 });
    const audit = await db().selectFrom("audit_log").where("edition_id", "=", editionId).where("action", "=", "meetings.schedule").select("action").execute();
    expect(audit).toHaveLength(1);
  });

  it("keeps locked and announced meetings where they are when it runs again, unless a rule they now break makes them move", async () => {
    const { editionId, dayId, access } = await edition();
    await addMeetingTables(db(), access, { count: 3, seats: 2, label: "Table", now });
    const [a, b, c, d] = [await participant(editionId, "Ana"), await participant(editionId, "Bea"), await participant(editionId, "Cid"), await participant(editionId, "Dan")];
    const ab = await accepted(editionId, a, b);
    const cd = await accepted(editionId, c, d);
    await scheduleBoard(db(), access, { now });
    const [first, second] = await placed(editionId);
    const slots = await slotsOf(editionId);
    const tables = await listMeetingTables(db(), access);
    const target = slots.find((slot) => slot.id !== first!.slot_id)!;
    await moveMeeting(db(), access, { meetingId: first!.id, slotId: target.id, tableId: tables[2]!.id, now });
    await scheduleBoard(db(), access, { now });
    const again = await placed(editionId);
    expect(again.find((row) => row.request_id === ab)).toMatchObject({ slot_id: target.id, table_id: tables[2]!.id, locked: true });
    // A workshop seat taken since forces the locked meeting away; the unlocked one may go anywhere.
    const workshopStart = new Date(target.starts_at.getTime() + 2 * 3600_000).toISOString().slice(11, 16);
    const workshopEnd = new Date(target.starts_at.getTime() + 2 * 3600_000 + 20 * 60_000).toISOString().slice(11, 16);
    const workshop = await session(editionId, dayId, "workshop_thematic", workshopStart, workshopEnd);
    await db().insertInto("session_signup").values({ session_id: workshop, registration_id: a.registrationId, status: "confirmed" }).execute();
    const run = await scheduleBoard(db(), access, { now });
    const moved = (await placed(editionId)).find((row) => row.request_id === ab)!;
    expect(moved.slot_id).not.toBe(target.id);
    expect(run.moved).toBeGreaterThanOrEqual(1);
    expect((await placed(editionId)).map((row) => row.request_id).sort()).toEqual([ab, cd].sort());
    expect(second).toBeDefined();
  });

  it("moves, swaps, locks and removes by hand, refusing what breaks a rule, and another edition's meeting is not found", async () => {
    const { editionId, access } = await edition();
    const other = await edition();
    await addMeetingTables(db(), access, { count: 2, seats: 2, label: "Table", now });
    await addMeetingTables(db(), access, { count: 1, seats: 4, label: "Big", now });
    const [a, b, c, d] = [await participant(editionId, "Ana"), await participant(editionId, "Bea"), await participant(editionId, "Cid"), await participant(editionId, "Dan", { maxMeetings: 1 })];
    const ab = await accepted(editionId, a, b);
    const ac = await accepted(editionId, a, c);
    const cd = await accepted(editionId, c, d);
    const slots = await slotsOf(editionId);
    const tables = await listMeetingTables(db(), access);
    expect(tables.map((table) => table.label)).toEqual(["Table 1", "Table 2", "Big"]);
    const m1 = await placeRequest(db(), access, { requestId: ab, slotId: slots[0]!.id, tableId: tables[0]!.id, now });
    // The table is taken, and Ana is already meeting then.
    await expect(placeRequest(db(), access, { requestId: cd, slotId: slots[0]!.id, tableId: tables[0]!.id, now })).rejects.toMatchObject({ code: "meeting_table_taken" });
    await expect(placeRequest(db(), access, { requestId: ac, slotId: slots[0]!.id, tableId: tables[1]!.id, now })).rejects.toMatchObject({ code: "meeting_person_busy" });
    await expect(placeRequest(db(), access, { requestId: ab, slotId: slots[1]!.id, tableId: tables[1]!.id, now })).rejects.toMatchObject({ code: "meeting_already_placed" });
    const m2 = await placeRequest(db(), access, { requestId: ac, slotId: slots[1]!.id, tableId: tables[1]!.id, now });
    const m3 = await placeRequest(db(), access, { requestId: cd, slotId: slots[0]!.id, tableId: tables[1]!.id, now });
    // Swapping Ana–Bea (slot 1) and Cid–Dan (slot 1) is fine; Ana–Cid and Cid–Dan share Cid in two slots.
    await expect(swapMeetings(db(), access, { meetingId: m2, otherMeetingId: m3, now })).rejects.toMatchObject({ code: "meeting_person_busy" });
    await swapMeetings(db(), access, { meetingId: m1, otherMeetingId: m3, now });
    const afterSwap = await placed(editionId);
    expect(afterSwap.find((row) => row.id === m1)).toMatchObject({ slot_id: slots[0]!.id, table_id: tables[1]!.id });
    expect(afterSwap.find((row) => row.id === m3)).toMatchObject({ slot_id: slots[0]!.id, table_id: tables[0]!.id });
    // Moving Ana–Cid onto Ana's other meeting's slot is refused; to the free last slot it goes.
    await expect(moveMeeting(db(), access, { meetingId: m2, slotId: slots[0]!.id, tableId: tables[2]!.id, now })).rejects.toMatchObject({ code: "meeting_person_busy" });
    await moveMeeting(db(), access, { meetingId: m2, slotId: slots[2]!.id, tableId: tables[2]!.id, now });
    await setMeetingLocked(db(), access, { meetingId: m2, locked: false, now });
    expect((await placed(editionId)).find((row) => row.id === m2)).toMatchObject({ slot_id: slots[2]!.id, locked: false });
    // A table cannot shrink below a meeting of hers nor go while meetings sit at it.
    await expect(deleteMeetingTable(db(), access, { tableId: tables[2]!.id, now })).rejects.toMatchObject({ code: "meeting_table_in_use" });
    await removeMeeting(db(), access, { meetingId: m2, now });
    await deleteMeetingTable(db(), access, { tableId: tables[2]!.id, now });
    await expect(updateMeetingTable(db(), access, { tableId: tables[0]!.id, label: "Table 2", seats: 2, now })).rejects.toMatchObject({ code: "meeting_table_invalid" });
    // Another edition's organiser reaches none of it.
    await expect(moveMeeting(db(), other.access, { meetingId: m1, slotId: slots[2]!.id, tableId: tables[0]!.id, now })).rejects.toMatchObject({ code: "meeting_not_found" });
    await expect(removeMeeting(db(), other.access, { meetingId: m1, now })).rejects.toMatchObject({ code: "meeting_not_found" });
    await expect(placeRequest(db(), other.access, { requestId: ac, slotId: slots[2]!.id, tableId: tables[0]!.id, now })).rejects.toMatchObject({ code: "meeting_request_not_found" });
    await expect(deleteMeetingTable(db(), other.access, { tableId: tables[0]!.id, now })).rejects.toMatchObject({ code: "meeting_place_not_found" });
    // Dan's limit of one meeting: a second accepted request of his cannot be placed.
    const e = await participant(editionId, "Eva");
    const de = await accepted(editionId, d, e);
    await expect(placeRequest(db(), access, { requestId: de, slotId: slots[2]!.id, tableId: tables[0]!.id, now })).rejects.toMatchObject({ code: "meeting_person_cap" });
  });

  it("keeps meetings off the café seats and café tables of their people", async () => {
    const { editionId, dayId, access } = await edition();
    await addMeetingTables(db(), access, { count: 2, seats: 2, label: "Table", now });
    const [host, guest, other, third] = [await participant(editionId, "Hôte"), await participant(editionId, "Invitée"), await participant(editionId, "Autre"), await participant(editionId, "Tiers")];
    // A café block over the first slot: the host keeps their table all of it, the guest holds a seat.
    const { id: cafeSession } = await db()
      .insertInto("session")
      .values({ edition_id: editionId, day_id: dayId, starts_at: "2026-07-09T14:30:00+02:00", ends_at: "2026-07-09T14:50:00+02:00", kind: "cafe", title: JSON.stringify({ fr: "Cafés", en: "Cafés" }) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id: cafe } = await db()
      .insertInto("cafe")
      .values({ edition_id: editionId, session_id: cafeSession, host_registration_id: host.registrationId, topic: JSON.stringify({ fr: "Eau", en: "Water" }), language: "fr", table_label: "Café 1", seats: 4 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db().insertInto("cafe_seat").values({ cafe_id: cafe, round_starts_at: new Date("2026-07-09T14:30:00+02:00"), round_ends_at: new Date("2026-07-09T14:50:00+02:00"), registration_id: guest.registrationId }).execute();
    const hostMeeting = await accepted(editionId, host, other);
    const guestMeeting = await accepted(editionId, guest, third);
    const [first] = await slotsOf(editionId);
    const tables = await listMeetingTables(db(), access);
    await expect(placeRequest(db(), access, { requestId: hostMeeting, slotId: first!.id, tableId: tables[0]!.id, now })).rejects.toMatchObject({ code: "meeting_person_busy" });
    await expect(placeRequest(db(), access, { requestId: guestMeeting, slotId: first!.id, tableId: tables[1]!.id, now })).rejects.toMatchObject({ code: "meeting_person_busy" });
    await scheduleBoard(db(), access, { now });
    const rows = await placed(editionId);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.slot_id !== first!.id)).toBe(true);
  });

  it("lets only the meetings role and organisers at the board", async () => {
    const { editionId } = await edition();
    const { year } = await db().selectFrom("edition").where("id", "=", editionId).select("year").executeTakeFirstOrThrow();
    const partner = (await signedInOrganiser(db(), year, now, "partner")).access as BackOfficeAccess;
    const coordinator = (await signedInOrganiser(db(), year, now, "meetings")).access as BackOfficeAccess;
    await expect(readBoard(db(), partner, {})).rejects.toMatchObject({ code: "not_staff" });
    await expect(scheduleBoard(db(), partner, { now })).rejects.toMatchObject({ code: "not_staff" });
    await expect(readBoard(db(), coordinator, {})).resolves.toMatchObject({ accepted: 0 });
  });

  it("never seats one person in two meetings at once, even when two organisers place them at the same moment", async () => {
    const { editionId, access } = await edition();
    await addMeetingTables(db(), access, { count: 2, seats: 2, label: "Table", now });
    const [a, b, c] = [await participant(editionId, "Ana"), await participant(editionId, "Bea"), await participant(editionId, "Cid")];
    const ab = await accepted(editionId, a, b);
    const ac = await accepted(editionId, a, c);
    const slots = await slotsOf(editionId);
    const tables = await listMeetingTables(db(), access);
    const results = await Promise.allSettled([
      placeRequest(db(), access, { requestId: ab, slotId: slots[0]!.id, tableId: tables[0]!.id, now }),
      placeRequest(db(), access, { requestId: ac, slotId: slots[0]!.id, tableId: tables[1]!.id, now }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "meeting_person_busy" } });
    // And the database itself refuses the double booking, whatever the code does.
    await expect(
      db()
        .insertInto("meeting_attendee")
        .values({ meeting_id: (await placed(editionId))[0]!.id, registration_id: c.registrationId, slot_id: slots[0]!.id })
        .execute()
        .then(() => db().insertInto("meeting").values({ edition_id: editionId, request_id: ac, slot_id: slots[0]!.id, table_id: tables[1]!.id, placed_by: "organiser" }).returning("id").executeTakeFirstOrThrow())
        .then(({ id }) => db().insertInto("meeting_attendee").values({ meeting_id: id, registration_id: a.registrationId, slot_id: slots[0]!.id }).execute()),
    ).rejects.toThrow(/meeting_attendee_once_per_slot|duplicate key/);
  });

  it("publishes: each person gets their meetings in their language, and a new publication writes only to those whose meetings changed", async () => {
    const { editionId, access } = await edition();
    await addMeetingTables(db(), access, { count: 2, seats: 2, label: "Table", now });
    const ana = await participant(editionId, "Ana", { language: "en" });
    const bea = await participant(editionId, "Bea", { language: "fr" });
    const cid = await participant(editionId, "Cid", { language: "en" });
    const dan = await participant(editionId, "Dan", { language: "fr" });
    await accepted(editionId, ana, bea);
    await scheduleBoard(db(), access, { now });
    expect(await myMeetings(db(), { editionId, personId: ana.personId })).toEqual([]);
    expect(await publishBoard(db(), access, { now, publicUrl })).toBe(2);
    expect((await mailsTo(ana)).at(-1)).toMatchObject({ language: "en", subject: expect.stringMatching(/^Your B2B meetings/) });
    expect((await mailsTo(ana)).at(-1)?.text_body).toMatch(/Table \d · Alex Bea/);
    expect((await mailsTo(bea)).at(-1)).toMatchObject({ language: "fr", subject: expect.stringMatching(/^Vos rendez-vous B2B/) });
    const mine = await myMeetings(db(), { editionId, personId: bea.personId });
    expect(mine).toHaveLength(1);
    expect(mine[0]!.others.map((other) => other.name)).toEqual(["Alex Ana"]);
    // The space lists it in the agenda, and the calendar feed carries it, in Bea's language.
    const space = await personalSpace(db(), { personId: bea.personId }, now);
    expect(space.registrations.find((registration) => registration.edition_id === editionId)?.meetings.map((meeting) => meeting.table)).toEqual([mine[0]!.table]);
    const token = await createCalendarFeed(db(), bea.personId, now);
    await db().updateTable("edition").set({ published: true }).where("id", "=", editionId).execute();
    const events = new ICAL.Component(ICAL.parse(await personalFeed(db(), token, publicUrl)))
      .getAllSubcomponents("vevent")
      .map((component) => new ICAL.Event(component))
      .filter((event) => event.summary.startsWith("Rendez-vous B2B"));
    // On the edition's clock: Paris is two hours ahead of UTC in July.
    const parisClock = new Date(mine[0]!.startsAt.getTime() + 2 * 3600_000).toISOString().slice(0, 19);
    expect(events.map((event) => [event.summary, event.location, event.startDate.toString(), event.component.getFirstProperty("dtstart")?.getParameter("tzid")])).toEqual([
      ["Rendez-vous B2B avec Alex Ana", expect.stringContaining(mine[0]!.table), parisClock, "Europe/Paris"],
    ]);
    // A late acceptance: the engine keeps the announced meeting and places the new one; only its two people hear.
    const [announced] = await placed(editionId);
    await accepted(editionId, cid, dan);
    await scheduleBoard(db(), access, { now });
    expect((await placed(editionId)).find((row) => row.id === announced!.id)).toMatchObject({ slot_id: announced!.slot_id, table_id: announced!.table_id });
    const before = { ana: (await mailsTo(ana)).length, bea: (await mailsTo(bea)).length };
    expect(await publishBoard(db(), access, { now, publicUrl })).toBe(2);
    expect((await mailsTo(ana)).length).toBe(before.ana);
    expect((await mailsTo(bea)).length).toBe(before.bea);
    expect((await mailsTo(cid)).at(-1)?.subject).toMatch(/^Your B2B meetings/);
    expect(await publishBoard(db(), access, { now, publicUrl })).toBe(0);
  });

  it("lets a participant cancel a meeting: the other is told and the slot is free; after publication the two may place an accepted request themselves", async () => {
    const { editionId, access } = await edition();
    await addMeetingTables(db(), access, { count: 1, seats: 2, label: "Table", now });
    const ana = await participant(editionId, "Ana", { language: "en" });
    const bea = await participant(editionId, "Bea", { language: "fr" });
    const cid = await participant(editionId, "Cid", { language: "en" });
    const outsider = await participant(editionId, "Out");
    const ab = await accepted(editionId, ana, bea);
    await scheduleBoard(db(), access, { now });
    await publishBoard(db(), access, { now, publicUrl });
    await expect(cancelMeeting(db(), { editionId, personId: outsider.personId, requestId: ab, now, publicUrl })).rejects.toMatchObject({ code: "meeting_request_not_found" });
    await cancelMeeting(db(), { editionId, personId: ana.personId, requestId: ab, now, publicUrl });
    expect(await placed(editionId)).toEqual([]);
    expect((await mailsTo(bea)).at(-1)).toMatchObject({ language: "fr", subject: "Alex Ana a annulé votre rendez-vous" });
    expect((await db().selectFrom("meeting_request").where("id", "=", ab).select("status").executeTakeFirstOrThrow()).status).toBe("cancelled");
    await expect(cancelMeeting(db(), { editionId, personId: bea.personId, requestId: ab, now, publicUrl })).rejects.toMatchObject({ code: "meeting_request_answered" });
    // A request accepted after publication: Cid picks a time that is free for both; Ana is told.
    const ac = await accepted(editionId, ana, cid);
    const times = (await freeTimes(db(), { editionId, personId: cid.personId, requestIds: [ac] })).get(ac)!;
    expect(times).toHaveLength(3);
    await expect(placeOwnMeeting(db(), { editionId, personId: outsider.personId, requestId: ac, slotId: times[1]!.slotId, now, publicUrl })).rejects.toMatchObject({ code: "meeting_request_not_found" });
    await placeOwnMeeting(db(), { editionId, personId: cid.personId, requestId: ac, slotId: times[1]!.slotId, now, publicUrl });
    expect(await placed(editionId)).toMatchObject([{ request_id: ac, slot_id: times[1]!.slotId, announced: true }]);
    expect((await mailsTo(ana)).at(-1)?.subject).toBe("Your meeting with Alex Cid has its time");
    expect((await myMeetings(db(), { editionId, personId: ana.personId })).map((meeting) => meeting.requestId)).toEqual([ac]);
    // The only table is taken then: nobody else can take that slot.
    const bc = await accepted(editionId, bea, outsider);
    expect((await freeTimes(db(), { editionId, personId: bea.personId, requestIds: [bc] })).get(bc)!.map((time) => time.slotId)).not.toContain(times[1]!.slotId);
    await expect(placeOwnMeeting(db(), { editionId, personId: bea.personId, requestId: bc, slotId: times[1]!.slotId, now, publicUrl })).rejects.toMatchObject({ code: "meeting_table_taken" });
  });

  it("does not let participants place a meeting before the schedule is published", async () => {
    const { editionId, access } = await edition();
    await addMeetingTables(db(), access, { count: 1, seats: 2, label: "Table", now });
    const [a, b] = [await participant(editionId, "Ana"), await participant(editionId, "Bea")];
    const ab = await accepted(editionId, a, b);
    await readBoard(db(), access, {});
    const [slot] = await slotsOf(editionId);
    expect((await freeTimes(db(), { editionId, personId: a.personId, requestIds: [ab] })).size).toBe(0);
    await expect(placeOwnMeeting(db(), { editionId, personId: a.personId, requestId: ab, slotId: slot!.id, now, publicUrl })).rejects.toMatchObject({ code: "meeting_not_published" });
  });
});
