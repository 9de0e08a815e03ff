import type { Kysely, Transaction } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import type { SpeakerInput } from "./programme-forms";

// Speakers and moderators of one edition's programme.

type Db = Kysely<DB> | Transaction<DB>;

function speakersQuery(db: Db, editionId: number) {
  return db
    .selectFrom("speaker")
    .where("speaker.edition_id", "=", editionId)
    .select((eb) => [
      "speaker.id",
      "speaker.name",
      "speaker.organisation",
      "speaker.role",
      "speaker.biography",
      jsonArrayFrom(
        eb
          .selectFrom("session_speaker")
          .innerJoin("session", "session.id", "session_speaker.session_id")
          .whereRef("session_speaker.speaker_id", "=", "speaker.id")
          .select(["session.id", "session.title", "session.starts_at", "session_speaker.role as part"])
          .orderBy("session.starts_at"),
      ).as("sessions"),
    ])
    .orderBy("speaker.name")
    .orderBy("speaker.id");
}

export type SpeakerWithSessions = Awaited<ReturnType<ReturnType<typeof speakersQuery>["execute"]>>[number];

/** The speakers of a published programme who are on at least one session: the public page. */
export async function publicSpeakers(db: Kysely<DB>, editionId: number): Promise<SpeakerWithSessions[]> {
  const speakers = await speakersQuery(db, editionId).execute();
  return speakers.filter((speaker) => speaker.sessions.length > 0);
}

/** Every speaker of the edition, with their sessions, for the editor. */
export function listSpeakers(db: Kysely<DB>, access: BackOfficeAccess): Promise<SpeakerWithSessions[]> {
  return speakersQuery(db, access.editionId).execute();
}

export async function getSpeaker(db: Db, access: BackOfficeAccess, speakerId: number): Promise<SpeakerWithSessions> {
  const speaker = await speakersQuery(db, access.editionId).where("speaker.id", "=", speakerId).executeTakeFirst();
  if (!speaker) throw new AppError("speaker_not_found", `no speaker ${speakerId} in edition ${access.editionId}`);
  return speaker;
}

const columns = (input: SpeakerInput) => ({
  name: input.name,
  organisation: input.organisation,
  role: input.role ? JSON.stringify(input.role) : null,
  biography: input.biography ? JSON.stringify(input.biography) : null,
});

const snapshot = (speaker: SpeakerWithSessions) => ({
  name: speaker.name,
  organisation: speaker.organisation,
  role: speaker.role,
  biography: speaker.biography,
});

/** Creates a speaker (inside the transaction of its submission key). */
export async function createSpeaker(tx: Transaction<DB>, access: BackOfficeAccess, input: SpeakerInput, now: Date): Promise<{ id: number }> {
  const speaker = await tx.insertInto("speaker").values({ ...columns(input), edition_id: access.editionId }).returning("id").executeTakeFirstOrThrow();
  await recordAudit(tx, access, { action: "programme.speaker.create", subjectType: "speaker", subjectId: speaker.id, after: input }, now);
  return speaker;
}

export async function updateSpeaker(db: Kysely<DB>, access: BackOfficeAccess, speakerId: number, input: SpeakerInput, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.selectFrom("speaker").where("id", "=", speakerId).where("edition_id", "=", access.editionId).select("id").forUpdate().execute();
    const before = await getSpeaker(tx, access, speakerId);
    await tx.updateTable("speaker").set(columns(input)).where("id", "=", speakerId).execute();
    await recordAudit(tx, access, { action: "programme.speaker.update", subjectType: "speaker", subjectId: speakerId, before: snapshot(before), after: input }, now);
  });
}

/** Removes a speaker who is on no session. */
export async function removeSpeaker(db: Kysely<DB>, access: BackOfficeAccess, speakerId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.selectFrom("speaker").where("id", "=", speakerId).where("edition_id", "=", access.editionId).select("id").forUpdate().execute();
    const before = await getSpeaker(tx, access, speakerId);
    if (before.sessions.length > 0) throw new AppError("speaker_on_sessions", `speaker ${speakerId} is on sessions`);
    await tx.deleteFrom("speaker").where("id", "=", speakerId).execute();
    await recordAudit(tx, access, { action: "programme.speaker.remove", subjectType: "speaker", subjectId: speakerId, before: snapshot(before) }, now);
  });
}
