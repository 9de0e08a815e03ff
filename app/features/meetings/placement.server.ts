/**
 * The rules every placed meeting obeys, whoever places it (the engine, an organiser, or the two
 * people themselves), and what each person is told of their meetings.
 */
import { createHash } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, MeetingPriority } from "~/db/schema";
import { cafeSeatTimes } from "~/features/cafes/busy.server";
import { composeMail, inertText } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { isLanguage, type Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import type { ErrorCode } from "~/lib/errors";
import { formatDateTime, formatTime } from "~/lib/format";
import { paths } from "~/lib/paths";

/** What a meeting is worth to the engine: a "must meet" outweighs two "would like to". */
export const meetingWeights: Record<MeetingPriority, number> = { must: 3, would_like: 1 };

/** The edition's meeting settings, created with their defaults on first use and locked until the transaction ends. */
export async function lockBoard(tx: Transaction<DB>, editionId: number) {
  await tx.insertInto("meeting_settings").values({ edition_id: editionId }).onConflict((oc) => oc.column("edition_id").doNothing()).execute();
  return tx.selectFrom("meeting_settings").where("edition_id", "=", editionId).selectAll().forUpdate().executeTakeFirstOrThrow();
}

/** Marks a change of placed meetings, so that an engine run that started before it is not written. */
export async function bumpBoard(tx: Transaction<DB>, editionId: number): Promise<void> {
  await tx
    .updateTable("meeting_settings")
    .set((eb) => ({ board_version: eb("board_version", "+", 1) }))
    .where("edition_id", "=", editionId)
    .execute();
}

/** Locks the registrations a change concerns, in one order, so that two changes wait for each other. */
export async function lockPeople(tx: Transaction<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .selectFrom("registration")
    .where("id", "in", [...new Set(ids)].sort((a, b) => a - b))
    .select("id")
    .orderBy("id")
    .forUpdate()
    .execute();
}

/**
 * Cuts each B2B block of the programme into slots of `slotMinutes` (a last piece too short for a
 * meeting is left out). A block whose slots no longer match its times is cut again while no
 * meeting sits in it; one with meetings keeps its slots until they are moved.
 */
export async function ensureSlots(tx: Transaction<DB>, editionId: number, slotMinutes: number): Promise<void> {
  const [blocks, slots, used] = await Promise.all([
    tx.selectFrom("session").where("edition_id", "=", editionId).where("kind", "=", "b2b").select(["id", "starts_at", "ends_at"]).execute(),
    tx.selectFrom("meeting_slot").where("edition_id", "=", editionId).select(["id", "session_id", "starts_at", "ends_at"]).orderBy("starts_at").execute(),
    tx.selectFrom("meeting").innerJoin("meeting_slot", "meeting_slot.id", "meeting.slot_id").where("meeting.edition_id", "=", editionId).select("meeting_slot.session_id").distinct().execute(),
  ]);
  const busy = new Set(used.map((row) => row.session_id));
  const step = slotMinutes * 60_000;
  const wanted = (block: (typeof blocks)[number]) => {
    const cut: { starts_at: Date; ends_at: Date }[] = [];
    for (let start = block.starts_at.getTime(); start + step <= block.ends_at.getTime(); start += step) {
      cut.push({ starts_at: new Date(start), ends_at: new Date(start + step) });
    }
    return cut;
  };
  const blockIds = new Set(blocks.map((block) => block.id));
  const stale = slots.filter((slot) => !blockIds.has(slot.session_id) && !busy.has(slot.session_id)).map((slot) => slot.id);
  for (const block of blocks) {
    if (busy.has(block.id)) continue;
    const have = slots.filter((slot) => slot.session_id === block.id);
    const want = wanted(block);
    const same = have.length === want.length && have.every((slot, i) => slot.starts_at.getTime() === want[i]!.starts_at.getTime() && slot.ends_at.getTime() === want[i]!.ends_at.getTime());
    if (same) continue;
    stale.push(...have.map((slot) => slot.id));
    if (want.length > 0) await tx.insertInto("meeting_slot").values(want.map((slot) => ({ ...slot, edition_id: editionId, session_id: block.id }))).execute();
  }
  if (stale.length > 0) await tx.deleteFrom("meeting_slot").where("id", "in", stale).execute();
}

export interface RequestPeople {
  requester_registration_id: number;
  invitee_registration_id: number;
  group_meeting: boolean;
}

/**
 * The people of each request's meeting: the two who agreed, or, delegation with delegation, the
 * confirmed members of both delegations.
 */
export async function attendeesOf(db: Kysely<DB>, editionId: number, requests: readonly (RequestPeople & { id: number })[]): Promise<Map<number, number[]>> {
  const grouped = requests.filter((request) => request.group_meeting);
  const delegationOf = new Map<number, number | null>();
  const members = new Map<number, number[]>();
  if (grouped.length > 0) {
    const leads = [...new Set(grouped.flatMap((request) => [request.requester_registration_id, request.invitee_registration_id]))];
    const leadRows = await db.selectFrom("registration").where("id", "in", leads).select(["id", "delegation_id"]).execute();
    for (const row of leadRows) delegationOf.set(row.id, row.delegation_id);
    const delegations = [...new Set(leadRows.map((row) => row.delegation_id).filter((id): id is number => id !== null))];
    if (delegations.length > 0) {
      const rows = await db
        .selectFrom("registration")
        .where("edition_id", "=", editionId)
        .where("delegation_id", "in", delegations)
        .where("status", "=", "confirmed")
        .where("anonymised_at", "is", null)
        .select(["id", "delegation_id"])
        .orderBy("id")
        .execute();
      for (const row of rows) members.set(row.delegation_id!, [...(members.get(row.delegation_id!) ?? []), row.id]);
    }
  }
  const side = (lead: number, group: boolean) => {
    const delegation = group ? delegationOf.get(lead) : null;
    return delegation ? (members.get(delegation) ?? [lead]) : [lead];
  };
  return new Map(
    requests.map((request) => [
      request.id,
      [...new Set([request.requester_registration_id, request.invitee_registration_id, ...side(request.requester_registration_id, request.group_meeting), ...side(request.invitee_registration_id, request.group_meeting)])],
    ]),
  );
}

export interface SlotRow {
  id: number;
  edition_id: number;
  session_id: number;
  starts_at: Date;
  ends_at: Date;
}

/**
 * Why a meeting of `attendees` may not sit at `tableId` in `slot`, or null: the table too small or
 * taken, a person unavailable then, busy then (a workshop seat, another meeting, a café seat) or
 * at their limit of meetings. Meetings in `ignoring` (the one moved, the two swapped) are not counted.
 */
export async function placementRefusal(
  db: Kysely<DB>,
  editionId: number,
  placement: { attendees: readonly number[]; slot: SlotRow; tableId: number; ignoring: readonly number[] },
): Promise<ErrorCode | null> {
  const { attendees, slot, tableId } = placement;
  const ignoring = placement.ignoring.length > 0 ? placement.ignoring : [0];
  const table = await db.selectFrom("meeting_table").where("id", "=", tableId).where("edition_id", "=", editionId).select("seats").executeTakeFirst();
  if (!table) return "meeting_place_not_found";
  if (table.seats < attendees.length) return "meeting_table_too_small";
  const taken = await db.selectFrom("meeting").where("slot_id", "=", slot.id).where("table_id", "=", tableId).where("id", "not in", ignoring).select("id").executeTakeFirst();
  if (taken) return "meeting_table_taken";
  return peopleRefusal(db, { attendees, slot, ignoring });
}

/** Why `attendees` may not meet in `slot` (unavailable, busy, at their limit), or null; meetings in `ignoring` are not counted. */
export async function peopleRefusal(
  db: Kysely<DB>,
  placement: { attendees: readonly number[]; slot: SlotRow; ignoring: readonly number[] },
): Promise<ErrorCode | null> {
  const { attendees, slot } = placement;
  const ignoring = placement.ignoring.length > 0 ? placement.ignoring : [0];
  const [unavailable, seats, meetings, profiles, cafes] = await Promise.all([
    db.selectFrom("meeting_unavailability").where("registration_id", "in", attendees).where("session_id", "=", slot.session_id).select("registration_id").executeTakeFirst(),
    db
      .selectFrom("session_signup")
      .innerJoin("session", "session.id", "session_signup.session_id")
      .where("session_signup.registration_id", "in", attendees)
      .where("session_signup.status", "=", "confirmed")
      .where("session.starts_at", "<", slot.ends_at)
      .where("session.ends_at", ">", slot.starts_at)
      .select("session_signup.registration_id")
      .executeTakeFirst(),
    db
      .selectFrom("meeting_attendee")
      .innerJoin("meeting", "meeting.id", "meeting_attendee.meeting_id")
      .innerJoin("meeting_slot", "meeting_slot.id", "meeting.slot_id")
      .where("meeting_attendee.registration_id", "in", attendees)
      .where("meeting.id", "not in", ignoring)
      .select(["meeting_attendee.registration_id", "meeting_slot.starts_at", "meeting_slot.ends_at"])
      .execute(),
    db.selectFrom("meeting_profile").where("registration_id", "in", attendees).where("max_meetings", "is not", null).select(["registration_id", "max_meetings"]).execute(),
    cafeSeatTimes(db, slot.edition_id, attendees),
  ]);
  if (unavailable) return "meeting_person_unavailable";
  const during = (row: { startsAt: Date; endsAt: Date }) => row.startsAt < slot.ends_at && row.endsAt > slot.starts_at;
  if (seats || meetings.some((row) => during({ startsAt: row.starts_at, endsAt: row.ends_at })) || cafes.some(during)) return "meeting_person_busy";
  for (const profile of profiles) {
    const count = meetings.filter((row) => row.registration_id === profile.registration_id).length;
    if (count >= profile.max_meetings!) return "meeting_person_cap";
  }
  return null;
}

/** Writes the people of a meeting, its slot copied so that the database refuses a person twice at once. */
export async function writeAttendees(tx: Transaction<DB>, meetings: readonly { id: number; slotId: number; attendees: readonly number[] }[]): Promise<void> {
  const rows = meetings.flatMap((meeting) => meeting.attendees.map((registrationId) => ({ meeting_id: meeting.id, registration_id: registrationId, slot_id: meeting.slotId })));
  for (let i = 0; i < rows.length; i += 5_000) await tx.insertInto("meeting_attendee").values(rows.slice(i, i + 5_000)).execute();
}

export interface PersonMeeting {
  meetingId: number;
  requestId: number;
  startsAt: Date;
  endsAt: Date;
  table: string;
  groupMeeting: boolean;
  /** The others of the meeting, the one who agreed first. */
  others: { registrationId: number; name: string; organisation: string; countryCode: string; published: boolean }[];
}

/** The announced meetings of each of `registrationIds` in the edition (or editions), in time order. */
export async function meetingsOfPeople(db: Kysely<DB>, editionId: number | readonly number[], registrationIds: readonly number[]): Promise<Map<number, PersonMeeting[]>> {
  const editionIds = typeof editionId === "number" ? [editionId] : editionId;
  const result = new Map<number, PersonMeeting[]>(registrationIds.map((id) => [id, []]));
  if (registrationIds.length === 0 || editionIds.length === 0) return result;
  const mine = await db
    .selectFrom("meeting_attendee")
    .innerJoin("meeting", "meeting.id", "meeting_attendee.meeting_id")
    .innerJoin("meeting_slot", "meeting_slot.id", "meeting.slot_id")
    .innerJoin("meeting_table", "meeting_table.id", "meeting.table_id")
    .innerJoin("meeting_request", "meeting_request.id", "meeting.request_id")
    .where("meeting.edition_id", "in", editionIds)
    // A draft is the organisers' until they publish it.
    .where("meeting.announced", "=", true)
    .where("meeting_attendee.registration_id", "in", registrationIds)
    .select([
      "meeting_attendee.registration_id",
      "meeting.id",
      "meeting.request_id",
      "meeting_slot.starts_at",
      "meeting_slot.ends_at",
      "meeting_table.label",
      "meeting_request.group_meeting",
      "meeting_request.requester_registration_id",
      "meeting_request.invitee_registration_id",
    ])
    .orderBy("meeting_slot.starts_at")
    .orderBy("meeting.id")
    .execute();
  if (mine.length === 0) return result;
  const people = await db
    .selectFrom("meeting_attendee")
    .innerJoin("registration", "registration.id", "meeting_attendee.registration_id")
    .leftJoin("meeting_profile", "meeting_profile.registration_id", "registration.id")
    .where("meeting_attendee.meeting_id", "in", [...new Set(mine.map((row) => row.id))])
    .select([
      "meeting_attendee.meeting_id",
      "registration.id",
      "registration.given_name",
      "registration.family_name",
      "registration.organisation_name",
      "registration.country_code",
      "meeting_profile.published_at",
    ])
    .orderBy("registration.sort_name")
    .execute();
  for (const row of mine) {
    const lead = (id: number) => (id === row.requester_registration_id || id === row.invitee_registration_id ? 0 : 1);
    const others = people
      .filter((person) => person.meeting_id === row.id && person.id !== row.registration_id)
      .sort((a, b) => lead(a.id) - lead(b.id))
      .map((person) => ({
        registrationId: person.id,
        name: `${person.given_name} ${person.family_name}`,
        organisation: person.organisation_name,
        countryCode: person.country_code,
        published: person.published_at !== null,
      }));
    result.get(row.registration_id)!.push({
      meetingId: row.id,
      requestId: row.request_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      table: row.label,
      groupMeeting: row.group_meeting,
      others,
    });
  }
  return result;
}

const digestOf = (meetings: readonly PersonMeeting[]) =>
  createHash("sha256")
    .update(JSON.stringify(meetings.map((meeting) => [meeting.meetingId, meeting.startsAt.getTime(), meeting.table, meeting.others.map((other) => other.registrationId)])))
    .digest("base64url");

/**
 * Sends each of `registrationIds` whose meetings changed since they were last told the whole
 * list of their meetings (time, table, who), in their language, and records what they were sent.
 * Returns how many were written to. `silently` records without writing: for people told otherwise.
 */
export async function announceMeetings(
  tx: Transaction<DB>,
  editionId: number,
  registrationIds: readonly number[],
  options: { now: Date; publicUrl: string; silently?: readonly number[] },
): Promise<number> {
  const ids = [...new Set(registrationIds)];
  if (ids.length === 0) return 0;
  const [meetings, told, people, edition] = await Promise.all([
    meetingsOfPeople(tx, editionId, ids),
    tx.selectFrom("meeting_announcement").where("registration_id", "in", ids).select(["registration_id", "digest"]).execute(),
    tx
      .selectFrom("registration")
      .innerJoin("person", "person.id", "registration.person_id")
      .where("registration.id", "in", ids)
      .where("registration.anonymised_at", "is", null)
      .select(["registration.id", "registration.given_name", "registration.email", "person.language"])
      .execute(),
    tx.selectFrom("edition").where("id", "=", editionId).select(["year", "time_zone"]).executeTakeFirstOrThrow(),
  ]);
  const previous = new Map(told.map((row) => [row.registration_id, row.digest]));
  const silent = new Set(options.silently ?? []);
  let written = 0;
  for (const person of people) {
    const list = meetings.get(person.id) ?? [];
    const digest = digestOf(list);
    const before = previous.get(person.id);
    // Someone never told of a meeting and still without one has nothing to hear.
    if (before === digest || (before === undefined && list.length === 0)) continue;
    if (!silent.has(person.id)) {
      const language: Language = isLanguage(person.language) ? person.language : "fr";
      const mail = meetingsMail(language, { name: person.given_name, year: edition.year, timeZone: edition.time_zone, meetings: list, publicUrl: options.publicUrl });
      await enqueueMail(tx, { to: person.email, language, ...mail });
      written++;
    }
    await tx
      .insertInto("meeting_announcement")
      .values({ registration_id: person.id, digest, announced_at: options.now })
      .onConflict((oc) => oc.column("registration_id").doUpdateSet({ digest, announced_at: options.now }))
      .execute();
  }
  return written;
}

function meetingsMail(language: Language, about: { name: string; year: number; timeZone: string; meetings: readonly PersonMeeting[]; publicUrl: string }) {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string>) => translate(language, key, values);
  const lines = about.meetings.map((meeting) =>
    t("meetings.mail.schedule.line", {
      when: `${formatDateTime(meeting.startsAt, language, about.timeZone)}–${formatTime(meeting.endsAt, language, about.timeZone)}`,
      table: inertText(meeting.table),
      who: inertText(meeting.others.map((other) => `${other.name} (${other.organisation})`).join(", "), 600),
    }),
  );
  return composeMail({
    language,
    subject: t("meetings.mail.schedule.subject", { year: String(about.year) }),
    paragraphs: [
      t("meetings.mail.greeting", { name: inertText(about.name) }),
      about.meetings.length > 0 ? t("meetings.mail.schedule.text", { count: String(about.meetings.length) }) : t("meetings.mail.schedule.none"),
      ...lines,
    ],
    action: { label: t("meetings.mail.schedule.action"), url: about.publicUrl + paths.meetingRequests(language, about.year) },
  });
}

/** Placed meetings of the edition, counted: what the board and the figures show. */
export async function placedCount(db: Kysely<DB>, editionId: number): Promise<number> {
  const row = await db.selectFrom("meeting").where("edition_id", "=", editionId).select(sql<string>`count(*)`.as("count")).executeTakeFirstOrThrow();
  return Number(row.count);
}
