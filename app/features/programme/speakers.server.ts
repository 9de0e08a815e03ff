import type { Kysely, Transaction } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "~/db/schema";
import { storeImage } from "~/features/media/image.server";
import { mediaPath } from "~/features/media/media";
import { recordAudit } from "~/features/organisers/audit.server";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import type { SpeakerInput } from "./programme-forms";

// Speakers and moderators of one edition's programme.

type Db = Kysely<DB> | Transaction<DB>;

function speakersQuery(db: Db, editionId: number) {
  return db
    .selectFrom("speaker")
    .leftJoin("media", "media.id", "speaker.photo_media_id")
    .where("speaker.edition_id", "=", editionId)
    .select((eb) => [
      "speaker.photo_media_id",
      "media.hash as photo_hash",
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

type SpeakerRow = Awaited<ReturnType<ReturnType<typeof speakersQuery>["execute"]>>[number];
/** A speaker with their sessions and, if they have one, where their photo is served. */
export type SpeakerWithSessions = Omit<SpeakerRow, "photo_hash"> & { photo: string | null };

const withPhoto = ({ photo_hash, ...speaker }: SpeakerRow): SpeakerWithSessions => ({
  ...speaker,
  photo: speaker.photo_media_id !== null && photo_hash !== null ? mediaPath({ id: speaker.photo_media_id, hash: photo_hash }) : null,
});

/** The speakers of a published programme who are on at least one session: the public page. */
export async function publicSpeakers(db: Kysely<DB>, editionId: number): Promise<SpeakerWithSessions[]> {
  const speakers = await speakersQuery(db, editionId).execute();
  return speakers.filter((speaker) => speaker.sessions.length > 0).map(withPhoto);
}

/** Every speaker of the edition, with their sessions, for the editor. */
export async function listSpeakers(db: Kysely<DB>, access: BackOfficeAccess): Promise<SpeakerWithSessions[]> {
  return (await speakersQuery(db, access.editionId).execute()).map(withPhoto);
}

export async function getSpeaker(db: Db, access: BackOfficeAccess, speakerId: number): Promise<SpeakerWithSessions> {
  const speaker = await speakersQuery(db, access.editionId).where("speaker.id", "=", speakerId).executeTakeFirst();
  if (!speaker) throw new AppError("speaker_not_found", `no speaker ${speakerId} in edition ${access.editionId}`);
  return withPhoto(speaker);
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
  photoMediaId: speaker.photo_media_id,
});

/** Creates a speaker, with their photo if one is given (inside the transaction of its submission key). */
export async function createSpeaker(tx: Transaction<DB>, access: BackOfficeAccess, input: SpeakerInput, now: Date, photo?: File): Promise<{ id: number }> {
  const image = photo ? await storeImage(tx, access, photo, now) : undefined;
  const speaker = await tx
    .insertInto("speaker")
    .values({ ...columns(input), edition_id: access.editionId, photo_media_id: image?.id ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, access, { action: "programme.speaker.create", subjectType: "speaker", subjectId: speaker.id, after: { ...input, photoMediaId: image?.id ?? null } }, now);
  return speaker;
}

/** Changes a speaker of the edition; their photo too when a new file is given or its removal asked. */
export async function updateSpeaker(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  speakerId: number,
  input: SpeakerInput,
  now: Date,
  photo: { file?: File; remove?: boolean } = {},
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.selectFrom("speaker").where("id", "=", speakerId).where("edition_id", "=", access.editionId).select("id").forUpdate().execute();
    const before = await getSpeaker(tx, access, speakerId);
    const image = photo.file ? await storeImage(tx, access, photo.file, now) : undefined;
    const photoMediaId = image ? image.id : photo.remove ? null : before.photo_media_id;
    await tx.updateTable("speaker").set({ ...columns(input), photo_media_id: photoMediaId }).where("id", "=", speakerId).execute();
    if (before.photo_media_id !== null && before.photo_media_id !== photoMediaId) {
      await tx.deleteFrom("media").where("id", "=", before.photo_media_id).where("edition_id", "=", access.editionId).execute();
    }
    await recordAudit(
      tx,
      access,
      { action: "programme.speaker.update", subjectType: "speaker", subjectId: speakerId, before: snapshot(before), after: { ...input, photoMediaId } },
      now,
    );
  });
}

/** Removes a speaker who is on no session. */
export async function removeSpeaker(db: Kysely<DB>, access: BackOfficeAccess, speakerId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.selectFrom("speaker").where("id", "=", speakerId).where("edition_id", "=", access.editionId).select("id").forUpdate().execute();
    const before = await getSpeaker(tx, access, speakerId);
    if (before.sessions.length > 0) throw new AppError("speaker_on_sessions", `speaker ${speakerId} is on sessions`);
    await tx.deleteFrom("speaker").where("id", "=", speakerId).execute();
    if (before.photo_media_id !== null) await tx.deleteFrom("media").where("id", "=", before.photo_media_id).where("edition_id", "=", access.editionId).execute();
    await recordAudit(tx, access, { action: "programme.speaker.remove", subjectType: "speaker", subjectId: speakerId, before: snapshot(before) }, now);
  });
}
