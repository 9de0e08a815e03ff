/**
 * A participant's side of the schedule: their announced meetings, cancelling one, and, once the
 * schedule is published, placing an accepted request themselves at a time free for both.
 */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { composeMail, inertText } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { isLanguage, type Language } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { formatDateTime, formatTime } from "~/lib/format";
import { paths } from "~/lib/paths";
import { announceMeetings, attendeesOf, bumpBoard, lockBoard, lockPeople, meetingsOfPeople, peopleRefusal, placementRefusal, writeAttendees, type PersonMeeting } from "./placement.server";

async function myRegistration(db: Kysely<DB>, editionId: number, personId: number) {
  const row = await db
    .selectFrom("registration")
    .where("edition_id", "=", editionId)
    .where("person_id", "=", personId)
    .where("status", "=", "confirmed")
    .where("anonymised_at", "is", null)
    .select(["id", "given_name", "family_name", "organisation_name"])
    .executeTakeFirst();
  if (!row) throw new AppError("meeting_not_participant");
  return row;
}

/** The person's meetings with a time, in time order. */
export async function myMeetings(db: Kysely<DB>, request: { editionId: number; personId: number }): Promise<PersonMeeting[]> {
  const me = await myRegistration(db, request.editionId, request.personId);
  return (await meetingsOfPeople(db, request.editionId, [me.id])).get(me.id) ?? [];
}

/** An accepted request of which the person is one of the two, locked with its people. */
async function myAcceptedRequest(tx: Transaction<DB>, editionId: number, registrationId: number, requestId: number) {
  const row = await tx
    .selectFrom("meeting_request")
    .where("id", "=", requestId)
    .where("edition_id", "=", editionId)
    .where((eb) => eb.or([eb("requester_registration_id", "=", registrationId), eb("invitee_registration_id", "=", registrationId)]))
    .select(["id", "requester_registration_id", "invitee_registration_id", "group_meeting", "status"])
    .executeTakeFirst();
  if (!row) throw new AppError("meeting_request_not_found");
  const attendees = (await attendeesOf(tx, editionId, [row])).get(row.id)!;
  await lockPeople(tx, attendees);
  const { status } = await tx.selectFrom("meeting_request").where("id", "=", row.id).select("status").executeTakeFirstOrThrow();
  if (status !== "accepted") throw new AppError("meeting_request_answered");
  return { ...row, attendees };
}

/** Writes to each of `to` what `by` did to their meeting, in the reader's language. */
async function tell(tx: Transaction<DB>, editionId: number, to: readonly number[], by: { given_name: string; family_name: string; organisation_name: string }, what: "cancelled" | "placed", publicUrl: string, place?: { startsAt: Date; endsAt: Date; table: string }) {
  if (to.length === 0) return;
  const [people, edition] = await Promise.all([
    tx
      .selectFrom("registration")
      .innerJoin("person", "person.id", "registration.person_id")
      .where("registration.id", "in", to)
      .where("registration.anonymised_at", "is", null)
      .select(["registration.given_name", "registration.email", "person.language"])
      .execute(),
    tx.selectFrom("edition").where("id", "=", editionId).select(["year", "time_zone"]).executeTakeFirstOrThrow(),
  ]);
  for (const person of people) {
    const language: Language = isLanguage(person.language) ? person.language : "fr";
    const t = (key: MessageKey, values?: Record<string, string>) => translate(language, key, values);
    const values = {
      name: inertText(`${by.given_name} ${by.family_name}`),
      organisation: inertText(by.organisation_name),
      when: place ? `${formatDateTime(place.startsAt, language, edition.time_zone)}–${formatTime(place.endsAt, language, edition.time_zone)}` : "",
      table: inertText(place?.table ?? ""),
    };
    const mail = composeMail({
      language,
      subject: t(`meetings.mail.${what}.subject`, values),
      paragraphs: [t("meetings.mail.greeting", { name: inertText(person.given_name) }), t(`meetings.mail.${what}.text`, values)],
      action: { label: t("meetings.mail.schedule.action"), url: publicUrl + paths.meetingRequests(language, edition.year) },
    });
    await enqueueMail(tx, { to: person.email, language, ...mail });
  }
}

/**
 * Calls off an accepted meeting, placed or not: the request reads "cancelled", its slot and
 * table are free again, and the others of the meeting are told at once.
 */
export async function cancelMeeting(db: Kysely<DB>, request: { editionId: number; personId: number; requestId: number; now: Date; publicUrl: string }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await lockBoard(tx, request.editionId);
    const me = await myRegistration(tx, request.editionId, request.personId);
    const accepted = await myAcceptedRequest(tx, request.editionId, me.id, request.requestId);
    await tx.updateTable("meeting_request").set({ status: "cancelled", answered_at: request.now }).where("id", "=", accepted.id).execute();
    const placed = await tx.deleteFrom("meeting").where("request_id", "=", accepted.id).returning("announced").executeTakeFirst();
    const others = accepted.attendees.filter((id) => id !== me.id);
    // Told of an announced meeting, they are told of its end; a draft's people never heard of it.
    const toTell = placed?.announced !== false ? others : [];
    await tell(tx, request.editionId, toTell, me, "cancelled", request.publicUrl);
    await announceMeetings(tx, request.editionId, accepted.attendees, { now: request.now, publicUrl: request.publicUrl, silently: accepted.attendees });
    await bumpBoard(tx, request.editionId);
  });
}

export interface FreeTime {
  slotId: number;
  startsAt: Date;
  endsAt: Date;
}

/** Whether the schedule is out: from then on the two people of an accepted request may place it. */
async function publishedAt(db: Kysely<DB>, editionId: number): Promise<Date | null> {
  const row = await db.selectFrom("meeting_settings").where("edition_id", "=", editionId).select("published_at").executeTakeFirst();
  return row?.published_at ?? null;
}

/** The smallest free table of a slot that seats `people`, or undefined. */
async function freeTable(db: Kysely<DB>, editionId: number, slotId: number, people: number) {
  return db
    .selectFrom("meeting_table")
    .where("edition_id", "=", editionId)
    .where("seats", ">=", people)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("meeting").whereRef("meeting.table_id", "=", "meeting_table.id").where("meeting.slot_id", "=", slotId).select("meeting.id"))))
    .select(["id", "label"])
    .orderBy("seats")
    .orderBy("position")
    .executeTakeFirst();
}

/**
 * The slots where everyone of an accepted, unplaced request is free and a table is free, once
 * the schedule is published; empty otherwise.
 */
export async function freeTimes(db: Kysely<DB>, request: { editionId: number; personId: number; requestIds: readonly number[] }): Promise<Map<number, FreeTime[]>> {
  const result = new Map<number, FreeTime[]>();
  if (request.requestIds.length === 0 || !(await publishedAt(db, request.editionId))) return result;
  const me = await myRegistration(db, request.editionId, request.personId);
  const rows = await db
    .selectFrom("meeting_request")
    .where("id", "in", request.requestIds)
    .where("edition_id", "=", request.editionId)
    .where("status", "=", "accepted")
    .where((eb) => eb.or([eb("requester_registration_id", "=", me.id), eb("invitee_registration_id", "=", me.id)]))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("meeting").whereRef("meeting.request_id", "=", "meeting_request.id").select("meeting.id"))))
    .select(["id", "requester_registration_id", "invitee_registration_id", "group_meeting"])
    .execute();
  if (rows.length === 0) return result;
  const [attendees, slots] = await Promise.all([
    attendeesOf(db, request.editionId, rows),
    db.selectFrom("meeting_slot").where("edition_id", "=", request.editionId).select(["id", "edition_id", "session_id", "starts_at", "ends_at"]).orderBy("starts_at").execute(),
  ]);
  for (const row of rows) {
    const people = attendees.get(row.id)!;
    const times: FreeTime[] = [];
    for (const slot of slots) {
      if (!(await freeTable(db, request.editionId, slot.id, people.length))) continue;
      if (!(await peopleRefusal(db, { attendees: people, slot, ignoring: [] }))) times.push({ slotId: slot.id, startsAt: slot.starts_at, endsAt: slot.ends_at });
    }
    result.set(row.id, times);
  }
  return result;
}

/**
 * One of the two people of an accepted request places it at a slot free for everyone of it, at
 * the smallest free table that seats them; the meeting is announced at once and the others told.
 */
export async function placeOwnMeeting(db: Kysely<DB>, request: { editionId: number; personId: number; requestId: number; slotId: number; now: Date; publicUrl: string }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const settings = await lockBoard(tx, request.editionId);
    if (!settings.published_at) throw new AppError("meeting_not_published");
    const me = await myRegistration(tx, request.editionId, request.personId);
    const accepted = await myAcceptedRequest(tx, request.editionId, me.id, request.requestId);
    if (await tx.selectFrom("meeting").where("request_id", "=", accepted.id).select("id").executeTakeFirst()) throw new AppError("meeting_already_placed");
    const slot = await tx.selectFrom("meeting_slot").where("id", "=", request.slotId).where("edition_id", "=", request.editionId).select(["id", "edition_id", "session_id", "starts_at", "ends_at"]).executeTakeFirst();
    if (!slot) throw new AppError("meeting_place_not_found");
    const table = await freeTable(tx, request.editionId, slot.id, accepted.attendees.length);
    if (!table) throw new AppError("meeting_table_taken");
    const refusal = await placementRefusal(tx, request.editionId, { attendees: accepted.attendees, slot, tableId: table.id, ignoring: [] });
    if (refusal) throw new AppError(refusal);
    const { id } = await tx
      .insertInto("meeting")
      .values({ edition_id: request.editionId, request_id: accepted.id, slot_id: slot.id, table_id: table.id, announced: true, placed_by: "participants", placed_at: request.now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAttendees(tx, [{ id, slotId: slot.id, attendees: accepted.attendees }]);
    const others = accepted.attendees.filter((person) => person !== me.id);
    await tell(tx, request.editionId, others, me, "placed", request.publicUrl, { startsAt: slot.starts_at, endsAt: slot.ends_at, table: table.label });
    await announceMeetings(tx, request.editionId, accepted.attendees, { now: request.now, publicUrl: request.publicUrl, silently: accepted.attendees });
    await bumpBoard(tx, request.editionId);
  });
}
