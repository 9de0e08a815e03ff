import { sql, type Kysely, type Transaction } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import type { RoomInput, SessionInput } from "./programme-forms";
import { programmeWarnings, type PlannedSession, type ProgrammeWarning } from "./programme-warnings";

// The programme editor's operations: an edition's days, its venue's rooms and its sessions.
// Every query filters by the proof's edition: an id of another edition names nothing (404).
// Rooms belong to the venue (docs/decisions/0025-programme-editor.md).

type Db = Kysely<DB> | Transaction<DB>;

async function editionOf(db: Db, access: BackOfficeAccess) {
  return db.selectFrom("edition").select(["id", "venue_id", "time_zone"]).where("id", "=", access.editionId).executeTakeFirstOrThrow();
}

function editorSessions(db: Db, editionId: number) {
  return db
    .selectFrom("session")
    .innerJoin("edition_day", "edition_day.id", "session.day_id")
    .leftJoin("room", "room.id", "session.room_id")
    .where("session.edition_id", "=", editionId)
    .select((eb) => [
      "session.id",
      "session.uid",
      "session.kind",
      "session.title",
      "session.description",
      "session.day_id",
      "edition_day.day",
      "session.starts_at",
      "session.ends_at",
      "session.room_id",
      "room.name as room_name",
      "room.capacity as room_capacity",
      "session.capacity",
      "session.requires_signup",
      "session.wish_round_id",
      jsonArrayFrom(
        eb
          .selectFrom("session_speaker")
          .innerJoin("speaker", "speaker.id", "session_speaker.speaker_id")
          .whereRef("session_speaker.session_id", "=", "session.id")
          .select(["speaker.id", "speaker.name", "session_speaker.role as part"])
          .orderBy("session_speaker.position"),
      ).as("speakers"),
    ])
    .orderBy("session.starts_at")
    .orderBy("session.position")
    .orderBy("session.id");
}

export type EditorSession = Awaited<ReturnType<ReturnType<typeof editorSessions>["execute"]>>[number];

const planned = (session: EditorSession): PlannedSession => ({
  id: session.id,
  day: session.day,
  startsAt: session.starts_at,
  endsAt: session.ends_at,
  room: session.room_id === null ? null : { id: session.room_id, capacity: session.room_capacity },
  capacity: session.capacity,
  speakerIds: session.speakers.map((speaker) => speaker.id),
});

/** Everything the editor shows: days (with how many sessions), rooms, sessions and warnings. */
export async function programmeEditor(db: Kysely<DB>, access: BackOfficeAccess) {
  const edition = await editionOf(db, access);
  const [days, rooms, sessions, speakers] = await Promise.all([
    db
      .selectFrom("edition_day")
      .where("edition_day.edition_id", "=", access.editionId)
      .select((eb) => ["id", "day", eb.selectFrom("session").whereRef("session.day_id", "=", "edition_day.id").select(eb.fn.countAll<string>().as("n")).as("sessions")])
      .orderBy("day")
      .execute(),
    listRooms(db, edition.venue_id),
    editorSessions(db, access.editionId).execute(),
    db.selectFrom("speaker").where("edition_id", "=", access.editionId).select(["id", "name", "organisation"]).orderBy("name").orderBy("id").execute(),
  ]);
  const warnings = programmeWarnings(sessions.map(planned), edition.time_zone);
  return {
    timeZone: edition.time_zone,
    days: days.map((day) => ({ id: day.id, day: day.day, sessions: Number(day.sessions ?? 0) })),
    rooms,
    sessions,
    speakers,
    warnings,
  };
}

export type ProgrammeEditor = Awaited<ReturnType<typeof programmeEditor>>;

function listRooms(db: Db, venueId: number) {
  return db.selectFrom("room").where("venue_id", "=", venueId).select(["id", "name", "capacity"]).orderBy("id").execute();
}

/** One session as its form shows it, with the warnings that concern it. */
export async function sessionForEditing(db: Kysely<DB>, access: BackOfficeAccess, sessionId: number) {
  const editor = await programmeEditor(db, access);
  const session = editor.sessions.find((candidate) => candidate.id === sessionId);
  if (!session) throw new AppError("session_not_found", `no session ${sessionId} in edition ${access.editionId}`);
  const warnings = editor.warnings.filter((warning) => (warning.sessionIds as readonly number[]).includes(sessionId));
  return { editor, session, warnings };
}

// ——— days

export async function addDay(tx: Transaction<DB>, access: BackOfficeAccess, day: string, now: Date): Promise<{ id: number }> {
  const added = await tx
    .insertInto("edition_day")
    .values({ edition_id: access.editionId, day })
    .onConflict((oc) => oc.columns(["edition_id", "day"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!added) throw new AppError("programme_day_exists", `day ${day} exists`);
  await recordAudit(tx, access, { action: "programme.day.add", subjectType: "edition_day", subjectId: added.id, after: { day } }, now);
  return added;
}

/** Removes a day that holds no session. */
export async function removeDay(db: Kysely<DB>, access: BackOfficeAccess, dayId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const day = await tx.selectFrom("edition_day").where("id", "=", dayId).where("edition_id", "=", access.editionId).select(["id", "day"]).forUpdate().executeTakeFirst();
    if (!day) throw new AppError("day_not_found", `no day ${dayId} in edition ${access.editionId}`);
    const session = await tx.selectFrom("session").where("day_id", "=", dayId).select("id").limit(1).executeTakeFirst();
    if (session) throw new AppError("day_has_sessions", `day ${dayId} has sessions`);
    await tx.deleteFrom("edition_day").where("id", "=", dayId).execute();
    await recordAudit(tx, access, { action: "programme.day.remove", subjectType: "edition_day", subjectId: dayId, before: { day: day.day } }, now);
  });
}

// ——— rooms (of the edition's venue)

async function roomOf(db: Db, access: BackOfficeAccess, roomId: number) {
  const room = await db
    .selectFrom("room")
    .innerJoin("edition", "edition.venue_id", "room.venue_id")
    .where("edition.id", "=", access.editionId)
    .where("room.id", "=", roomId)
    .select(["room.id", "room.name", "room.capacity", "room.venue_id"])
    .executeTakeFirst();
  if (!room) throw new AppError("room_not_found", `no room ${roomId} at the venue of edition ${access.editionId}`);
  return room;
}

export async function createRoom(tx: Transaction<DB>, access: BackOfficeAccess, input: RoomInput, now: Date): Promise<{ id: number }> {
  const edition = await editionOf(tx, access);
  const room = await tx
    .insertInto("room")
    .values({ venue_id: edition.venue_id, name: JSON.stringify(input.name), capacity: input.capacity })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, access, { action: "programme.room.create", subjectType: "room", subjectId: room.id, after: input }, now);
  return room;
}

export async function updateRoom(db: Kysely<DB>, access: BackOfficeAccess, roomId: number, input: RoomInput, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await roomOf(tx, access, roomId);
    await tx.updateTable("room").set({ name: JSON.stringify(input.name), capacity: input.capacity }).where("id", "=", roomId).execute();
    await recordAudit(
      tx,
      access,
      { action: "programme.room.update", subjectType: "room", subjectId: roomId, before: { name: before.name, capacity: before.capacity }, after: input },
      now,
    );
  });
}

// ——— sessions

/** What a session holds that the audit log keeps, before and after a change. */
function snapshot(session: EditorSession) {
  return {
    kind: session.kind,
    title: session.title,
    description: session.description,
    day: session.day,
    starts_at: session.starts_at.toISOString(),
    ends_at: session.ends_at.toISOString(),
    room_id: session.room_id,
    capacity: session.capacity,
    requires_signup: session.requires_signup,
    speakers: session.speakers.map((speaker) => ({ id: speaker.id, part: speaker.part })),
  };
}

async function loadSession(db: Db, access: BackOfficeAccess, sessionId: number, lock = false): Promise<EditorSession> {
  if (lock) await db.selectFrom("session").where("id", "=", sessionId).where("edition_id", "=", access.editionId).select("id").forUpdate().execute();
  const session = await editorSessions(db, access.editionId).where("session.id", "=", sessionId).executeTakeFirst();
  if (!session) throw new AppError("session_not_found", `no session ${sessionId} in edition ${access.editionId}`);
  return session;
}

/** Checks that the day, the room and every speaker of `input` belong to the edition (404 otherwise). */
async function checkReferences(tx: Transaction<DB>, access: BackOfficeAccess, input: SessionInput) {
  const day = await tx.selectFrom("edition_day").where("id", "=", input.dayId).where("edition_id", "=", access.editionId).select("id").executeTakeFirst();
  if (!day) throw new AppError("day_not_found", `no day ${input.dayId} in edition ${access.editionId}`);
  if (input.roomId !== null) await roomOf(tx, access, input.roomId);
  const ids = [...new Set(input.speakers.map((speaker) => speaker.speakerId))];
  if (ids.length > 0) {
    const found = await tx.selectFrom("speaker").where("edition_id", "=", access.editionId).where("id", "in", ids).select("id").execute();
    if (found.length !== ids.length) throw new AppError("speaker_not_found", `speakers ${ids.join(",")} not all in edition ${access.editionId}`);
  }
}

const sessionColumns = (input: SessionInput) => ({
  kind: input.kind,
  title: JSON.stringify(input.title),
  description: input.description ? JSON.stringify(input.description) : null,
  day_id: input.dayId,
  starts_at: input.startsAt,
  ends_at: input.endsAt,
  room_id: input.roomId,
  requires_signup: input.requiresSignup,
  capacity: input.capacity,
});

async function writeSpeakers(tx: Transaction<DB>, sessionId: number, speakers: SessionInput["speakers"]) {
  await tx.deleteFrom("session_speaker").where("session_id", "=", sessionId).execute();
  const unique = speakers.filter((speaker, index) => speakers.findIndex((other) => other.speakerId === speaker.speakerId) === index);
  if (unique.length > 0) {
    await tx
      .insertInto("session_speaker")
      .values(unique.map((speaker, position) => ({ session_id: sessionId, speaker_id: speaker.speakerId, role: speaker.part, position })))
      .execute();
  }
}

/** Creates a session (inside the transaction of its submission key); it gets its calendar UID for good. */
export async function createSession(tx: Transaction<DB>, access: BackOfficeAccess, input: SessionInput, now: Date): Promise<{ id: number }> {
  await checkReferences(tx, access, input);
  const { position } = await tx
    .selectFrom("session")
    .where("edition_id", "=", access.editionId)
    .select(sql<number>`coalesce(max(position), -1) + 1`.as("position"))
    .executeTakeFirstOrThrow();
  const { id } = await tx
    .insertInto("session")
    .values({ ...sessionColumns(input), edition_id: access.editionId, position, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeSpeakers(tx, id, input.speakers);
  const after = await loadSession(tx, access, id);
  await recordAudit(tx, access, { action: "programme.session.create", subjectType: "session", subjectId: id, after: snapshot(after) }, now);
  return { id };
}

/**
 * Changes a session; its UID, wish round, seats and wishes stay as they are. Seats already taken
 * keep it on sign-up, with at least as many seats (the counter row is locked as sign-ups lock it).
 */
export async function updateSession(db: Kysely<DB>, access: BackOfficeAccess, sessionId: number, input: SessionInput, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await loadSession(tx, access, sessionId, true);
    await checkReferences(tx, access, input);
    const seats = await tx.selectFrom("session_seat_counter").where("session_id", "=", sessionId).select("confirmed").forUpdate().executeTakeFirst();
    const taken = seats?.confirmed ?? 0;
    if (taken > 0 && (!input.requiresSignup || (input.capacity ?? 0) < taken)) {
      throw new AppError("session_seats_taken", `session ${sessionId} has ${taken} seats taken`);
    }
    await tx.updateTable("session").set({ ...sessionColumns(input), updated_at: now }).where("id", "=", sessionId).execute();
    await writeSpeakers(tx, sessionId, input.speakers);
    const after = await loadSession(tx, access, sessionId);
    await recordAudit(tx, access, { action: "programme.session.update", subjectType: "session", subjectId: sessionId, before: snapshot(before), after: snapshot(after) }, now);
  });
}

/** Deletes a session nobody holds a seat or a wish for. */
export async function deleteSession(db: Kysely<DB>, access: BackOfficeAccess, sessionId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await loadSession(tx, access, sessionId, true);
    const seat = await tx.selectFrom("session_signup").where("session_id", "=", sessionId).where("status", "!=", "cancelled").select("id").limit(1).executeTakeFirst();
    const wish = await tx.selectFrom("session_wish").where("session_id", "=", sessionId).select("rank").limit(1).executeTakeFirst();
    if (seat || wish) throw new AppError("session_has_participants", `session ${sessionId} has seats or wishes`);
    await tx.deleteFrom("session").where("id", "=", sessionId).execute();
    await recordAudit(tx, access, { action: "programme.session.delete", subjectType: "session", subjectId: sessionId, before: snapshot(before) }, now);
  });
}

export type { ProgrammeWarning };
