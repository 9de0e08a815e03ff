import type { Kysely } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import { sessionKinds, type DB, type SessionKind } from "~/db/schema";
import { programmeCafes, type ProgrammeCafe } from "~/features/cafes/programme-cafes.server";
import { AppError } from "~/lib/errors";

function sessionsQuery(db: Kysely<DB>, editionId: number) {
  return db
    .selectFrom("session")
    .innerJoin("edition_day", "edition_day.id", "session.day_id")
    .where("session.edition_id", "=", editionId)
    .select((eb) => [
      "session.id",
      "session.uid",
      "session.kind",
      "session.title",
      "session.description",
      "session.starts_at",
      "session.ends_at",
      "session.capacity",
      "session.requires_signup",
      "session.updated_at",
      "edition_day.day",
      jsonObjectFrom(eb.selectFrom("room").whereRef("room.id", "=", "session.room_id").select(["room.name"])).as("room"),
      jsonArrayFrom(
        eb
          .selectFrom("session_speaker")
          .innerJoin("speaker", "speaker.id", "session_speaker.speaker_id")
          .leftJoin("media", "media.id", "speaker.photo_media_id")
          .whereRef("session_speaker.session_id", "=", "session.id")
          .select(["speaker.id", "speaker.name", "speaker.role", "speaker.organisation", "speaker.biography", "session_speaker.role as part", "media.id as photo_id", "media.hash as photo_hash"])
          .orderBy("session_speaker.position"),
      ).as("speakers"),
    ])
    .orderBy("session.starts_at")
    .orderBy("session.position");
}

export type Session = Awaited<ReturnType<ReturnType<typeof sessionsQuery>["execute"]>>[number];

/** A session of the programme page; a café block lists its tables. */
export type ProgrammeSession = Session & { cafes: ProgrammeCafe[] };

/** Sessions that share a start and an end: parallel sessions side by side. */
export interface TimeBlock {
  startsAt: Date;
  endsAt: Date;
  sessions: ProgrammeSession[];
}

export interface ProgrammeDay {
  day: string;
  blocks: TimeBlock[];
}

/** The programme of an edition, day by day, optionally one day and some kinds only. */
export async function getProgramme(
  db: Kysely<DB>,
  editionId: number,
  filter: { day?: string; kinds?: readonly SessionKind[] } = {},
): Promise<ProgrammeDay[]> {
  let query = sessionsQuery(db, editionId);
  if (filter.day) query = query.where("edition_day.day", "=", filter.day);
  if (filter.kinds && filter.kinds.length > 0) query = query.where("session.kind", "in", filter.kinds);
  const found = await query.execute();
  const cafes = await programmeCafes(
    db,
    editionId,
    found.filter((session) => session.kind === "cafe").map((session) => session.id),
  );
  const sessions = found.map((session) => ({ ...session, cafes: cafes.filter((cafe) => cafe.sessionId === session.id) }));
  const days: ProgrammeDay[] = [];
  for (const session of sessions) {
    let day = days.at(-1);
    if (day?.day !== session.day) {
      day = { day: session.day, blocks: [] };
      days.push(day);
    }
    const block = day.blocks.find(
      (b) => b.startsAt.getTime() === session.starts_at.getTime() && b.endsAt.getTime() === session.ends_at.getTime(),
    );
    if (block) block.sessions.push(session);
    else day.blocks.push({ startsAt: session.starts_at, endsAt: session.ends_at, sessions: [session] });
  }
  return days;
}

/** Every session of an edition in time order, flat: for calendars and structured data. */
export function listSessions(db: Kysely<DB>, editionId: number): Promise<Session[]> {
  return sessionsQuery(db, editionId).execute();
}

/** The kinds of session an edition has, in the order of `sessionKinds`. */
export async function listSessionKinds(db: Kysely<DB>, editionId: number): Promise<SessionKind[]> {
  const rows = await db.selectFrom("session").where("edition_id", "=", editionId).select("kind").distinct().execute();
  return sessionKinds.filter((kind) => rows.some((row) => row.kind === kind));
}

export async function getSession(db: Kysely<DB>, editionId: number, sessionId: number): Promise<Session> {
  const session = await sessionsQuery(db, editionId).where("session.id", "=", sessionId).executeTakeFirst();
  if (!session) throw new AppError("session_not_found", `no session ${sessionId}`);
  return session;
}
