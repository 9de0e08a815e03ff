/**
 * The organisers' board: slots and tables, the engine run on the accepted requests, changes by
 * hand, and publication. Every change of placed meetings locks the edition's meeting settings
 * and the people concerned, checks every rule, and raises the board's version.
 */
import type { Kysely, Transaction } from "kysely";
import type { DB, Localised, MeetingPriority, MeetingRun } from "~/db/schema";
import { cafeSeatTimes } from "~/features/cafes/busy.server";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { boardTablePageSize, tableLimits, unplacedShown } from "./limits";
import { compileModel } from "./scheduler/model";
import { scheduleMeetings } from "./scheduler/engine";
import { formulate, solve } from "./scheduler/exact";
import type { Instance } from "./scheduler/format";
import {
  announceMeetings,
  attendeesOf,
  bumpBoard,
  ensureSlots,
  lockBoard,
  lockPeople,
  meetingWeights,
  placementRefusal,
  writeAttendees,
  type SlotRow,
} from "./placement.server";

/** What the engine may take from "schedule": the board then has time left to be written and shown. */
const BOARD_TIME_LIMIT_MS = 8_000;
const BOUND_SECONDS = 3;

/** Why an accepted request has no place, as the board explains it. */
export type UnplacedReason = "no_common_slot" | "people_busy" | "cap" | "no_table" | "placeable";

/** Everything the engine and the board's explanations need of an edition, read in a few queries. */
async function loadEdition(db: Kysely<DB>, editionId: number) {
  const [slots, tables, requestRows, existing, blocked, seats] = await Promise.all([
    db.selectFrom("meeting_slot").where("edition_id", "=", editionId).select(["id", "edition_id", "session_id", "starts_at", "ends_at"]).orderBy("starts_at").orderBy("id").execute(),
    db.selectFrom("meeting_table").where("edition_id", "=", editionId).select(["id", "label", "seats"]).orderBy("position").orderBy("id").execute(),
    db
      .selectFrom("meeting_request")
      .innerJoin("registration as requester", "requester.id", "meeting_request.requester_registration_id")
      .innerJoin("registration as invitee", "invitee.id", "meeting_request.invitee_registration_id")
      .where("meeting_request.edition_id", "=", editionId)
      .where("meeting_request.status", "=", "accepted")
      .where("requester.status", "=", "confirmed")
      .where("invitee.status", "=", "confirmed")
      .where("requester.anonymised_at", "is", null)
      .where("invitee.anonymised_at", "is", null)
      .select([
        "meeting_request.id",
        "meeting_request.requester_registration_id",
        "meeting_request.invitee_registration_id",
        "meeting_request.group_meeting",
        "meeting_request.priority",
      ])
      .orderBy("meeting_request.id")
      .execute(),
    db.selectFrom("meeting").where("edition_id", "=", editionId).select(["id", "request_id", "slot_id", "table_id", "locked", "announced"]).execute(),
    db
      .selectFrom("meeting_unavailability")
      .innerJoin("meeting_slot", "meeting_slot.session_id", "meeting_unavailability.session_id")
      .where("meeting_slot.edition_id", "=", editionId)
      .select(["meeting_unavailability.registration_id", "meeting_slot.id as slot_id"])
      .execute(),
    db
      .selectFrom("session_signup")
      .innerJoin("session", "session.id", "session_signup.session_id")
      .innerJoin("meeting_slot", (join) =>
        join.on((eb) => eb.and([eb("meeting_slot.starts_at", "<", eb.ref("session.ends_at")), eb("meeting_slot.ends_at", ">", eb.ref("session.starts_at"))])),
      )
      .where("session.edition_id", "=", editionId)
      .where("meeting_slot.edition_id", "=", editionId)
      .where("session_signup.status", "=", "confirmed")
      .select(["session_signup.registration_id", "meeting_slot.id as slot_id"])
      .execute(),
  ]);
  const attendees = await attendeesOf(db, editionId, requestRows);
  const people = [...new Set([...attendees.values()].flat())];
  const caps =
    people.length > 0
      ? await db.selectFrom("meeting_profile").where("registration_id", "in", people).where("max_meetings", "is not", null).select(["registration_id", "max_meetings"]).execute()
      : [];
  // A slot a person cannot meet in: a block they said they cannot attend, a workshop seat or a café then.
  const cafes = await cafeSeatTimes(db, editionId, people);
  const cafeSlots = cafes.flatMap((cafe) =>
    slots.filter((slot) => slot.starts_at < cafe.endsAt && slot.ends_at > cafe.startsAt).map((slot) => ({ registration_id: cafe.registrationId, slot_id: slot.id })),
  );
  const unavailable = new Map<number, Set<number>>();
  for (const row of [...blocked, ...seats, ...cafeSlots]) {
    const set = unavailable.get(row.registration_id) ?? new Set<number>();
    set.add(row.slot_id);
    unavailable.set(row.registration_id, set);
  }
  const requests = requestRows.map((row) => ({ ...row, attendees: attendees.get(row.id)! }));
  return {
    slots,
    tables,
    requests,
    existing,
    people,
    unavailable,
    maxMeetings: new Map(caps.map((row) => [row.registration_id, row.max_meetings!])),
  };
}
type EditionMeetings = Awaited<ReturnType<typeof loadEdition>>;

/**
 * The placed meetings the engine must keep (locked or announced) that still obey every rule; the
 * others (a person now unavailable, a table too small, two kept meetings sharing a person) must move.
 */
function keptMeetings(data: EditionMeetings) {
  const requests = new Map(data.requests.map((request) => [request.id, request]));
  const seats = new Map(data.tables.map((table) => [table.id, table.seats]));
  const taken = new Set<string>();
  const kept: (EditionMeetings["existing"][number] & { attendees: number[] })[] = [];
  for (const meeting of data.existing) {
    const request = requests.get(meeting.request_id);
    if (!request || !(meeting.locked || meeting.announced)) continue;
    const fits =
      (seats.get(meeting.table_id) ?? 0) >= request.attendees.length &&
      request.attendees.every((person) => !data.unavailable.get(person)?.has(meeting.slot_id) && !taken.has(`${person}:${meeting.slot_id}`));
    if (!fits) continue;
    for (const person of request.attendees) taken.add(`${person}:${meeting.slot_id}`);
    kept.push({ ...meeting, attendees: request.attendees });
  }
  return kept;
}

function instanceOf(data: EditionMeetings, kept: ReturnType<typeof keptMeetings>): Instance {
  const pinned = new Map(kept.map((meeting) => [meeting.request_id, meeting]));
  const slotIds = new Set(data.slots.map((slot) => slot.id));
  return {
    slots: data.slots.map((slot) => ({ id: String(slot.id), block: String(slot.session_id), start: slot.starts_at.toISOString(), end: slot.ends_at.toISOString() })),
    tables: data.tables.map((table) => ({ id: String(table.id), seats: table.seats })),
    participants: data.people.map((person) => ({
      id: String(person),
      unavailable: [...(data.unavailable.get(person) ?? [])].filter((slot) => slotIds.has(slot)).map(String),
      maxMeetings: data.maxMeetings.get(person),
    })),
    meetings: data.requests.map((request) => {
      const pin = pinned.get(request.id);
      return {
        id: String(request.id),
        participants: request.attendees.map(String),
        weight: meetingWeights[request.priority],
        fixed: pin ? { slot: String(pin.slot_id), table: String(pin.table_id) } : undefined,
      };
    }),
    rules: {},
  };
}

export interface ScheduleSummary extends MeetingRun {
  /** Meetings that had to leave their place (kept ones that now break a rule included). */
  moved: number;
}

/**
 * Runs the engine on the edition's accepted requests, keeping the meetings organisers locked
 * and those already announced, unless a rule they now break forces them to move. The board is
 * written only if nobody changed it while the engine ran.
 */
export async function scheduleBoard(db: Kysely<DB>, access: BackOfficeAccess, request: { now: Date; timeLimitMs?: number }): Promise<ScheduleSummary> {
  requirePermission(access, "meetings");
  const started = performance.now();
  const version = await db.transaction().execute(async (tx) => {
    const settings = await lockBoard(tx, access.editionId);
    await ensureSlots(tx, access.editionId, settings.slot_minutes);
    return settings.board_version;
  });
  const data = await loadEdition(db, access.editionId);
  const kept = keptMeetings(data);
  const model = compileModel(instanceOf(data, kept));
  const result = await scheduleMeetings(model, { timeLimitMs: request.timeLimitMs ?? BOARD_TIME_LIMIT_MS });
  let bound = result.value;
  if (result.exactStage !== "optimal" && model.instance.meetings.length > 0) {
    const lp = await solve(model, formulate(model), { integer: false, timeLimitSeconds: BOUND_SECONDS });
    bound = Math.max(result.value, lp.bound);
  }
  const keptIds = new Set(kept.map((meeting) => meeting.id));
  const before = new Map(data.existing.map((meeting) => [meeting.request_id, meeting]));
  const placed = result.schedule.assignments.map((assignment) => ({ requestId: Number(assignment.meeting), slotId: Number(assignment.slot), tableId: Number(assignment.table) }));
  const placeOf = new Map(placed.map((place) => [place.requestId, place]));
  const moved = data.existing.filter((meeting) => {
    const now = placeOf.get(meeting.request_id);
    return !now || now.slotId !== meeting.slot_id || now.tableId !== meeting.table_id;
  }).length;
  const run: MeetingRun = {
    at: request.now.toISOString(),
    value: result.value,
    bound,
    placed: placed.length,
    accepted: data.requests.length,
    seconds: 0,
    exactStage: result.exactStage,
  };
  const attendees = new Map(data.requests.map((item) => [item.id, item.attendees]));
  await db.transaction().execute(async (tx) => {
    const settings = await lockBoard(tx, access.editionId);
    if (settings.board_version !== version) throw new AppError("meeting_board_changed");
    const dropped = data.existing.filter((meeting) => !keptIds.has(meeting.id)).map((meeting) => meeting.id);
    for (let i = 0; i < dropped.length; i += 5_000) await tx.deleteFrom("meeting").where("id", "in", dropped.slice(i, i + 5_000)).execute();
    // Kept meetings of delegations may have gained or lost a member since they were placed.
    const keptAgain = kept.filter((meeting) => meeting.attendees.length > 2);
    if (keptAgain.length > 0) {
      await tx.deleteFrom("meeting_attendee").where("meeting_id", "in", keptAgain.map((meeting) => meeting.id)).execute();
      await writeAttendees(tx, keptAgain.map((meeting) => ({ id: meeting.id, slotId: meeting.slot_id, attendees: meeting.attendees })));
    }
    const fresh = placed.filter((place) => !keptIds.has(before.get(place.requestId)?.id ?? -1));
    for (let i = 0; i < fresh.length; i += 2_000) {
      const chunk = fresh.slice(i, i + 2_000);
      const rows = await tx
        .insertInto("meeting")
        .values(chunk.map((place) => ({ edition_id: access.editionId, request_id: place.requestId, slot_id: place.slotId, table_id: place.tableId, placed_by: "engine" as const, placed_at: request.now })))
        .returning(["id", "request_id", "slot_id"])
        .execute();
      await writeAttendees(tx, rows.map((row) => ({ id: row.id, slotId: row.slot_id, attendees: attendees.get(row.request_id)! })));
    }
    run.seconds = Math.round((performance.now() - started) / 100) / 10;
    await tx.updateTable("meeting_settings").set({ last_run: JSON.stringify(run) }).where("edition_id", "=", access.editionId).execute();
    await bumpBoard(tx, access.editionId);
    await recordAudit(tx, access, { action: "meetings.schedule", subjectType: "edition", subjectId: access.editionId, after: { ...run, moved } }, request.now);
  });
  return { ...run, moved };
}

/** A meeting of the edition, with its request and people, locked for a change by hand. */
async function meetingForChange(tx: Transaction<DB>, editionId: number, meetingId: number) {
  const meeting = await tx
    .selectFrom("meeting")
    .innerJoin("meeting_request", "meeting_request.id", "meeting.request_id")
    .where("meeting.id", "=", meetingId)
    .where("meeting.edition_id", "=", editionId)
    .select(["meeting.id", "meeting.slot_id", "meeting.table_id", "meeting.request_id", "meeting_request.requester_registration_id", "meeting_request.invitee_registration_id", "meeting_request.group_meeting"])
    .executeTakeFirst();
  if (!meeting) throw new AppError("meeting_not_found");
  const attendees = (await tx.selectFrom("meeting_attendee").where("meeting_id", "=", meeting.id).select("registration_id").execute()).map((row) => row.registration_id);
  return { ...meeting, attendees };
}

async function slotOf(tx: Transaction<DB>, editionId: number, slotId: number): Promise<SlotRow> {
  const slot = await tx.selectFrom("meeting_slot").where("id", "=", slotId).where("edition_id", "=", editionId).select(["id", "edition_id", "session_id", "starts_at", "ends_at"]).executeTakeFirst();
  if (!slot) throw new AppError("meeting_place_not_found");
  return slot;
}

/** Runs `change` with the board and `people` locked, then raises the board's version and logs it. */
async function changeBoard<T>(db: Kysely<DB>, access: BackOfficeAccess, change: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  requirePermission(access, "meetings");
  return db.transaction().execute(async (tx) => {
    await lockBoard(tx, access.editionId);
    const result = await change(tx);
    await bumpBoard(tx, access.editionId);
    return result;
  });
}

const refuseIf = (code: Awaited<ReturnType<typeof placementRefusal>>) => {
  if (code) throw new AppError(code);
};

/** Places an accepted request by hand; a meeting placed by hand is locked, so the engine keeps it. */
export async function placeRequest(db: Kysely<DB>, access: BackOfficeAccess, request: { requestId: number; slotId: number; tableId: number; now: Date }): Promise<number> {
  return changeBoard(db, access, async (tx) => {
    const row = await tx
      .selectFrom("meeting_request")
      .where("id", "=", request.requestId)
      .where("edition_id", "=", access.editionId)
      .where("status", "=", "accepted")
      .select(["id", "requester_registration_id", "invitee_registration_id", "group_meeting"])
      .executeTakeFirst();
    if (!row) throw new AppError("meeting_request_not_found");
    const attendees = (await attendeesOf(tx, access.editionId, [row])).get(row.id)!;
    await lockPeople(tx, attendees);
    if (await tx.selectFrom("meeting").where("request_id", "=", row.id).select("id").executeTakeFirst()) throw new AppError("meeting_already_placed");
    const slot = await slotOf(tx, access.editionId, request.slotId);
    refuseIf(await placementRefusal(tx, access.editionId, { attendees, slot, tableId: request.tableId, ignoring: [] }));
    const { id } = await tx
      .insertInto("meeting")
      .values({ edition_id: access.editionId, request_id: row.id, slot_id: slot.id, table_id: request.tableId, locked: true, placed_by: "organiser", placed_at: request.now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAttendees(tx, [{ id, slotId: slot.id, attendees }]);
    await recordAudit(tx, access, { action: "meetings.place", subjectType: "meeting", subjectId: id, after: { slotId: slot.id, tableId: request.tableId } }, request.now);
    return id;
  });
}

/** Moves a meeting to a free table of a slot; it is then locked there. */
export async function moveMeeting(db: Kysely<DB>, access: BackOfficeAccess, request: { meetingId: number; slotId: number; tableId: number; now: Date }): Promise<void> {
  await changeBoard(db, access, async (tx) => {
    const meeting = await meetingForChange(tx, access.editionId, request.meetingId);
    await lockPeople(tx, meeting.attendees);
    const slot = await slotOf(tx, access.editionId, request.slotId);
    refuseIf(await placementRefusal(tx, access.editionId, { attendees: meeting.attendees, slot, tableId: request.tableId, ignoring: [meeting.id] }));
    await tx.updateTable("meeting").set({ slot_id: slot.id, table_id: request.tableId, locked: true, placed_by: "organiser" }).where("id", "=", meeting.id).execute();
    await recordAudit(
      tx,
      access,
      { action: "meetings.move", subjectType: "meeting", subjectId: meeting.id, before: { slotId: meeting.slot_id, tableId: meeting.table_id }, after: { slotId: slot.id, tableId: request.tableId } },
      request.now,
    );
  });
}

/** Exchanges the places of two meetings, each checked in the other's place; both are then locked. */
export async function swapMeetings(db: Kysely<DB>, access: BackOfficeAccess, request: { meetingId: number; otherMeetingId: number; now: Date }): Promise<void> {
  if (request.meetingId === request.otherMeetingId) throw new AppError("meeting_not_found");
  await changeBoard(db, access, async (tx) => {
    const first = await meetingForChange(tx, access.editionId, request.meetingId);
    const second = await meetingForChange(tx, access.editionId, request.otherMeetingId);
    await lockPeople(tx, [...first.attendees, ...second.attendees]);
    const ignoring = [first.id, second.id];
    const [firstSlot, secondSlot] = await Promise.all([slotOf(tx, access.editionId, first.slot_id), slotOf(tx, access.editionId, second.slot_id)]);
    refuseIf(await placementRefusal(tx, access.editionId, { attendees: first.attendees, slot: secondSlot, tableId: second.table_id, ignoring }));
    refuseIf(await placementRefusal(tx, access.editionId, { attendees: second.attendees, slot: firstSlot, tableId: first.table_id, ignoring }));
    // Someone in both meetings would sit in both at once once swapped, unless they share the slot already.
    if (first.slot_id !== second.slot_id && first.attendees.some((person) => second.attendees.includes(person))) throw new AppError("meeting_person_busy");
    await tx.updateTable("meeting").set({ slot_id: second.slot_id, table_id: second.table_id, locked: true, placed_by: "organiser" }).where("id", "=", first.id).execute();
    await tx.updateTable("meeting").set({ slot_id: first.slot_id, table_id: first.table_id, locked: true, placed_by: "organiser" }).where("id", "=", second.id).execute();
    await recordAudit(tx, access, { action: "meetings.swap", subjectType: "meeting", subjectId: first.id, after: { with: second.id } }, request.now);
  });
}

export async function setMeetingLocked(db: Kysely<DB>, access: BackOfficeAccess, request: { meetingId: number; locked: boolean; now: Date }): Promise<void> {
  await changeBoard(db, access, async (tx) => {
    const meeting = await meetingForChange(tx, access.editionId, request.meetingId);
    await tx.updateTable("meeting").set({ locked: request.locked }).where("id", "=", meeting.id).execute();
    await recordAudit(tx, access, { action: request.locked ? "meetings.lock" : "meetings.unlock", subjectType: "meeting", subjectId: meeting.id }, request.now);
  });
}

/** Takes a meeting off the board; its request stays accepted, waiting for a place. */
export async function removeMeeting(db: Kysely<DB>, access: BackOfficeAccess, request: { meetingId: number; now: Date }): Promise<void> {
  await changeBoard(db, access, async (tx) => {
    const meeting = await meetingForChange(tx, access.editionId, request.meetingId);
    await lockPeople(tx, meeting.attendees);
    await tx.deleteFrom("meeting").where("id", "=", meeting.id).execute();
    await recordAudit(tx, access, { action: "meetings.remove", subjectType: "meeting", subjectId: meeting.id, before: { slotId: meeting.slot_id, tableId: meeting.table_id } }, request.now);
  });
}

/**
 * Sends everyone whose meetings changed since they were last told the list of their meetings;
 * the first publication writes to everyone with a meeting. Returns how many were written to.
 */
export async function publishBoard(db: Kysely<DB>, access: BackOfficeAccess, request: { now: Date; publicUrl: string }): Promise<number> {
  requirePermission(access, "meetings");
  return db.transaction().execute(async (tx) => {
    await lockBoard(tx, access.editionId);
    await tx.updateTable("meeting").set({ announced: true }).where("edition_id", "=", access.editionId).where("announced", "=", false).execute();
    const [attending, told] = await Promise.all([
      tx.selectFrom("meeting_attendee").innerJoin("meeting", "meeting.id", "meeting_attendee.meeting_id").where("meeting.edition_id", "=", access.editionId).select("meeting_attendee.registration_id").distinct().execute(),
      tx.selectFrom("meeting_announcement").innerJoin("registration", "registration.id", "meeting_announcement.registration_id").where("registration.edition_id", "=", access.editionId).select("meeting_announcement.registration_id").execute(),
    ]);
    const written = await announceMeetings(tx, access.editionId, [...attending, ...told].map((row) => row.registration_id), request);
    await tx
      .updateTable("meeting_settings")
      .set((eb) => ({ published_at: eb.fn.coalesce("published_at", eb.val(request.now)) }))
      .where("edition_id", "=", access.editionId)
      .execute();
    await recordAudit(tx, access, { action: "meetings.publish", subjectType: "edition", subjectId: access.editionId, after: { written } }, request.now);
    return written;
  });
}

/** Slot length and the closing of requests; the slot length changes only while no meeting is placed. */
export async function saveMeetingSettings(db: Kysely<DB>, access: BackOfficeAccess, request: { slotMinutes: number; requestsCloseAt: Date | null; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  if (!Number.isInteger(request.slotMinutes) || request.slotMinutes < 5 || request.slotMinutes > 240) throw new AppError("meeting_settings_invalid");
  await db.transaction().execute(async (tx) => {
    const settings = await lockBoard(tx, access.editionId);
    if (settings.slot_minutes !== request.slotMinutes) {
      if (await tx.selectFrom("meeting").where("edition_id", "=", access.editionId).select("id").executeTakeFirst()) throw new AppError("meeting_slots_in_use");
      await tx.deleteFrom("meeting_slot").where("edition_id", "=", access.editionId).execute();
    }
    await tx.updateTable("meeting_settings").set({ slot_minutes: request.slotMinutes, requests_close_at: request.requestsCloseAt }).where("edition_id", "=", access.editionId).execute();
    await ensureSlots(tx, access.editionId, request.slotMinutes);
    await recordAudit(
      tx,
      access,
      {
        action: "meetings.settings",
        subjectType: "edition",
        subjectId: access.editionId,
        before: { slotMinutes: settings.slot_minutes, requestsCloseAt: settings.requests_close_at },
        after: { slotMinutes: request.slotMinutes, requestsCloseAt: request.requestsCloseAt },
      },
      request.now,
    );
  });
}

function checkedTable(label: string, seats: number) {
  const clean = label.replace(/\s+/g, " ").trim();
  if (!clean || [...clean].length > tableLimits.label || !Number.isInteger(seats) || seats < tableLimits.seatsMin || seats > tableLimits.seatsMax) {
    throw new AppError("meeting_table_invalid");
  }
  return clean;
}

/** Adds `count` tables of `seats` seats, numbered after the last ("Table 13", "Table 14"…) or named `label` when one. */
export async function addMeetingTables(db: Kysely<DB>, access: BackOfficeAccess, request: { count: number; seats: number; label: string; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > tableLimits.addAtOnce) throw new AppError("meeting_table_invalid");
  const prefix = checkedTable(request.label, request.seats);
  await db.transaction().execute(async (tx) => {
    await lockBoard(tx, access.editionId);
    const existing = await tx.selectFrom("meeting_table").where("edition_id", "=", access.editionId).select(["label", "position"]).execute();
    const labels = new Set(existing.map((table) => table.label));
    let position = Math.max(-1, ...existing.map((table) => table.position)) + 1;
    const rows = [];
    for (let n = 1; rows.length < request.count; n++) {
      const label = request.count === 1 && !labels.has(prefix) ? prefix : `${prefix} ${n}`;
      if (labels.has(label) || [...label].length > tableLimits.label) {
        if (request.count === 1 && n > 10_000) throw new AppError("meeting_table_invalid");
        continue;
      }
      labels.add(label);
      rows.push({ edition_id: access.editionId, label, seats: request.seats, position: position++ });
    }
    await tx.insertInto("meeting_table").values(rows).execute();
    await recordAudit(tx, access, { action: "meetings.tables_add", subjectType: "edition", subjectId: access.editionId, after: { count: rows.length, seats: request.seats, label: prefix } }, request.now);
  });
}

/** Renames a table or changes its seats; fewer seats than a meeting placed at it need is refused. */
export async function updateMeetingTable(db: Kysely<DB>, access: BackOfficeAccess, request: { tableId: number; label: string; seats: number; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  const label = checkedTable(request.label, request.seats);
  await db.transaction().execute(async (tx) => {
    await lockBoard(tx, access.editionId);
    const table = await tx.selectFrom("meeting_table").where("id", "=", request.tableId).where("edition_id", "=", access.editionId).select(["label", "seats"]).executeTakeFirst();
    if (!table) throw new AppError("meeting_place_not_found");
    const largest = await tx
      .selectFrom("meeting_attendee")
      .innerJoin("meeting", "meeting.id", "meeting_attendee.meeting_id")
      .where("meeting.table_id", "=", request.tableId)
      .groupBy("meeting.id")
      .select((eb) => eb.fn.countAll<string>().as("people"))
      .orderBy("people", "desc")
      .executeTakeFirst();
    if (Number(largest?.people ?? 0) > request.seats) throw new AppError("meeting_table_too_small");
    const clash = await tx.selectFrom("meeting_table").where("edition_id", "=", access.editionId).where("label", "=", label).where("id", "<>", request.tableId).select("id").executeTakeFirst();
    if (clash) throw new AppError("meeting_table_invalid");
    await tx.updateTable("meeting_table").set({ label, seats: request.seats }).where("id", "=", request.tableId).execute();
    await recordAudit(tx, access, { action: "meetings.table_update", subjectType: "meeting_table", subjectId: request.tableId, before: table, after: { label, seats: request.seats } }, request.now);
  });
}

/** Deletes a table no meeting sits at. */
export async function deleteMeetingTable(db: Kysely<DB>, access: BackOfficeAccess, request: { tableId: number; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  await db.transaction().execute(async (tx) => {
    await lockBoard(tx, access.editionId);
    const table = await tx.selectFrom("meeting_table").where("id", "=", request.tableId).where("edition_id", "=", access.editionId).select(["label", "seats"]).executeTakeFirst();
    if (!table) throw new AppError("meeting_place_not_found");
    if (await tx.selectFrom("meeting").where("table_id", "=", request.tableId).select("id").executeTakeFirst()) throw new AppError("meeting_table_in_use");
    await tx.deleteFrom("meeting_table").where("id", "=", request.tableId).execute();
    await recordAudit(tx, access, { action: "meetings.table_delete", subjectType: "meeting_table", subjectId: request.tableId, before: table }, request.now);
  });
}

export interface BoardPerson {
  registrationId: number;
  name: string;
  organisation: string;
}

export interface BoardMeeting {
  id: number;
  requestId: number;
  slotId: number;
  tableId: number;
  locked: boolean;
  announced: boolean;
  priority: MeetingPriority;
  groupMeeting: boolean;
  people: BoardPerson[];
}

export interface BoardView {
  slotMinutes: number;
  requestsCloseAt: Date | null;
  publishedAt: Date | null;
  lastRun: MeetingRun | null;
  blocks: { sessionId: number; title: Localised; startsAt: Date; endsAt: Date; slots: { id: number; startsAt: Date; endsAt: Date }[] }[];
  /** The block shown, and the page of its tables. */
  block: number | null;
  tables: { id: number; label: string; seats: number }[];
  tableCount: number;
  tablePage: number;
  /** Meetings of the block shown at the tables shown. */
  meetings: BoardMeeting[];
  accepted: number;
  placed: number;
  /** Placed meetings not yet sent to their people. */
  unannounced: number;
  unplaced: { requestId: number; priority: MeetingPriority; groupMeeting: boolean; people: BoardPerson[]; reason: UnplacedReason }[];
  unplacedByReason: Record<UnplacedReason, number>;
  /** The meeting asked for by `?meeting=`, with where it may go. */
  selected: BoardMeeting | null;
}

/** Why each accepted request without a place has none, from the edition's data. */
function unplacedReasons(data: EditionMeetings): Map<number, UnplacedReason> {
  const placedRequests = new Set(data.existing.map((meeting) => meeting.request_id));
  const attendeesOfRequest = new Map(data.requests.map((request) => [request.id, request.attendees]));
  const busy = new Map<number, Set<number>>();
  const count = new Map<number, number>();
  const tablesUsed = new Map<number, Set<number>>();
  for (const meeting of data.existing) {
    for (const person of attendeesOfRequest.get(meeting.request_id) ?? []) {
      busy.set(person, (busy.get(person) ?? new Set()).add(meeting.slot_id));
      count.set(person, (count.get(person) ?? 0) + 1);
    }
    tablesUsed.set(meeting.slot_id, (tablesUsed.get(meeting.slot_id) ?? new Set()).add(meeting.table_id));
  }
  // The most seats of a table still free in each slot.
  const freeSeats = new Map(data.slots.map((slot) => [slot.id, Math.max(0, ...data.tables.filter((table) => !tablesUsed.get(slot.id)?.has(table.id)).map((table) => table.seats))]));
  const reasons = new Map<number, UnplacedReason>();
  for (const request of data.requests) {
    if (placedRequests.has(request.id)) continue;
    const people = request.attendees;
    const open = data.slots.filter((slot) => people.every((person) => !data.unavailable.get(person)?.has(slot.id)));
    const free = open.filter((slot) => people.every((person) => !busy.get(person)?.has(slot.id)));
    let reason: UnplacedReason;
    if (open.length === 0) reason = "no_common_slot";
    else if (people.some((person) => (count.get(person) ?? 0) >= (data.maxMeetings.get(person) ?? Infinity))) reason = "cap";
    else if (free.length === 0) reason = "people_busy";
    else reason = free.some((slot) => (freeSeats.get(slot.id) ?? 0) >= people.length) ? "placeable" : "no_table";
    reasons.set(request.id, reason);
  }
  return reasons;
}

/** The board of the edition: one block at a time, its tables a page at a time, and what is not placed and why. */
export async function readBoard(db: Kysely<DB>, access: BackOfficeAccess, request: { block?: number; tablePage?: number; meetingId?: number }): Promise<BoardView> {
  requirePermission(access, "meetings");
  const settings = await db.transaction().execute(async (tx) => {
    const locked = await lockBoard(tx, access.editionId);
    await ensureSlots(tx, access.editionId, locked.slot_minutes);
    return locked;
  });
  const [data, sessions] = await Promise.all([
    loadEdition(db, access.editionId),
    db.selectFrom("session").where("edition_id", "=", access.editionId).where("kind", "=", "b2b").select(["id", "title", "starts_at", "ends_at"]).orderBy("starts_at").execute(),
  ]);
  const blocks = sessions.map((session) => ({
    sessionId: session.id,
    title: session.title,
    startsAt: session.starts_at,
    endsAt: session.ends_at,
    slots: data.slots.filter((slot) => slot.session_id === session.id).map((slot) => ({ id: slot.id, startsAt: slot.starts_at, endsAt: slot.ends_at })),
  }));
  const block = blocks.find((item) => item.sessionId === request.block)?.sessionId ?? blocks[0]?.sessionId ?? null;
  const tablePages = Math.max(1, Math.ceil(data.tables.length / boardTablePageSize));
  const tablePage = Math.min(Math.max(1, request.tablePage ?? 1), tablePages);
  const tables = data.tables.slice((tablePage - 1) * boardTablePageSize, tablePage * boardTablePageSize);
  const shownSlots = new Set(data.slots.filter((slot) => slot.session_id === block).map((slot) => slot.id));
  const shownTables = new Set(tables.map((table) => table.id));
  const requests = new Map(data.requests.map((item) => [item.id, item]));
  const reasons = unplacedReasons(data);
  const unplacedIds = [...reasons.keys()];
  const shown = data.existing.filter((meeting) => (shownSlots.has(meeting.slot_id) && shownTables.has(meeting.table_id)) || meeting.id === request.meetingId);
  const names = await peopleNames(db, [
    ...new Set([...shown.flatMap((meeting) => requests.get(meeting.request_id)?.attendees ?? []), ...unplacedIds.slice(0, unplacedShown).flatMap((id) => requests.get(id)!.attendees)]),
  ]);
  const peopleOf = (requestId: number) => (requests.get(requestId)?.attendees ?? []).map((id) => names.get(id)).filter((person): person is BoardPerson => person !== undefined);
  const boardMeeting = (meeting: EditionMeetings["existing"][number]): BoardMeeting => ({
    id: meeting.id,
    requestId: meeting.request_id,
    slotId: meeting.slot_id,
    tableId: meeting.table_id,
    locked: meeting.locked,
    announced: meeting.announced,
    priority: requests.get(meeting.request_id)?.priority ?? "would_like",
    groupMeeting: requests.get(meeting.request_id)?.group_meeting ?? false,
    people: peopleOf(meeting.request_id),
  });
  const unplacedByReason: Record<UnplacedReason, number> = { no_common_slot: 0, people_busy: 0, cap: 0, no_table: 0, placeable: 0 };
  for (const reason of reasons.values()) unplacedByReason[reason]++;
  const selected = data.existing.find((meeting) => meeting.id === request.meetingId);
  return {
    slotMinutes: settings.slot_minutes,
    requestsCloseAt: settings.requests_close_at,
    publishedAt: settings.published_at,
    lastRun: settings.last_run,
    blocks,
    block,
    tables,
    tableCount: data.tables.length,
    tablePage,
    meetings: shown.filter((meeting) => shownSlots.has(meeting.slot_id) && shownTables.has(meeting.table_id)).map(boardMeeting),
    accepted: data.requests.length,
    placed: data.existing.length,
    unannounced: data.existing.filter((meeting) => !meeting.announced).length,
    unplaced: unplacedIds.slice(0, unplacedShown).map((id) => {
      const item = requests.get(id)!;
      return { requestId: id, priority: item.priority, groupMeeting: item.group_meeting, people: peopleOf(id), reason: reasons.get(id)! };
    }),
    unplacedByReason,
    selected: selected ? boardMeeting(selected) : null,
  };
}

async function peopleNames(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, BoardPerson>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("registration").where("id", "in", ids).select(["id", "given_name", "family_name", "organisation_name"]).execute();
  return new Map(rows.map((row) => [row.id, { registrationId: row.id, name: `${row.given_name} ${row.family_name}`, organisation: row.organisation_name }]));
}

/** The edition's tables, all of them, for the settings page. */
export async function listMeetingTables(db: Kysely<DB>, access: BackOfficeAccess) {
  requirePermission(access, "meetings");
  return db.selectFrom("meeting_table").where("edition_id", "=", access.editionId).select(["id", "label", "seats"]).orderBy("position").orderBy("id").execute();
}
