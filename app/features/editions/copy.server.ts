import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { mayCopyEditions } from "./edition-admin.server";
import type { CopyInput } from "./edition-form";
import { daysBetween, shiftDay, shiftInstant } from "./shift";

const json = (value: unknown) => JSON.stringify(value);

/**
 * Copies the edition of `access` into a new draft edition of `input.year`, whose first day is
 * `input.first_day`: its fields, days, sessions (new uids, same local times, same speakers),
 * questions, supporters, contacts, links, and a copy of its venue with rooms and access lines,
 * each date moved by the same number of days. The source is only read. Who copies must hold
 * `content` on every edition, so that the new one is theirs too. Runs in `tx`, the caller's
 * transaction (with its once-only key); returns the new edition's year.
 */
export async function copyEdition(tx: Transaction<DB>, access: BackOfficeAccess, input: CopyInput, now: Date): Promise<{ year: number; editionId: number }> {
  requirePermission(access, "content");
  if (!(await mayCopyEditions(tx, access.personId))) throw new AppError("not_staff", "copying needs content on every edition");
  const source = await tx.selectFrom("edition").where("id", "=", access.editionId).selectAll().executeTakeFirst();
  if (!source) throw new AppError("edition_not_found");
  const taken = await tx
    .selectFrom("edition")
    .where((eb) => eb.or([eb("year", "=", input.year), eb("number", "=", input.number)]))
    .select(["year", "number"])
    .execute();
  if (taken.some((row) => row.year === input.year)) throw new AppError("edition_year_taken");
  if (taken.length > 0) throw new AppError("edition_number_taken");

  const days = await tx.selectFrom("edition_day").where("edition_id", "=", source.id).select(["id", "day"]).orderBy("day").execute();
  const firstDay = days[0]?.day ?? input.first_day;
  const shift = daysBetween(firstDay, input.first_day);
  const zone = source.time_zone;

  // The venue, its rooms and access lines: the new edition's own, to edit without touching the source's.
  const venue = await tx.selectFrom("venue").where("id", "=", source.venue_id).selectAll().executeTakeFirstOrThrow();
  const { id: _venueId, ...venueFields } = venue;
  const { id: venueId } = await tx.insertInto("venue").values(venueFields).returning("id").executeTakeFirstOrThrow();
  const [rooms, accessLines] = await Promise.all([
    tx.selectFrom("room").where("venue_id", "=", venue.id).selectAll().orderBy("id").execute(),
    tx.selectFrom("venue_access").where("venue_id", "=", venue.id).selectAll().orderBy("position").execute(),
  ]);
  const roomIds = new Map<number, number>();
  for (const room of rooms) {
    const copy = await tx.insertInto("room").values({ venue_id: venueId, name: json(room.name), capacity: room.capacity }).returning("id").executeTakeFirstOrThrow();
    roomIds.set(room.id, copy.id);
  }
  if (accessLines.length > 0) {
    await tx
      .insertInto("venue_access")
      .values(accessLines.map((line) => ({ venue_id: venueId, mode: line.mode, details: json(line.details), position: line.position })))
      .execute();
  }

  const { id: editionId } = await tx
    .insertInto("edition")
    .values({
      number: input.number,
      year: input.year,
      title: json(source.title),
      theme: json(source.theme),
      summary: json(source.summary),
      time_zone: zone,
      venue_id: venueId,
      registration_opens_at: shiftInstant(source.registration_opens_at, shift, zone),
      registration_closes_at: shiftInstant(source.registration_closes_at, shift, zone),
      hashtag: source.hashtag,
      honoured_country_code: source.honoured_country_code,
      honour_text: source.honour_text ? json(source.honour_text) : null,
      published: false,
      registration_requires_approval: source.registration_requires_approval,
      categories_requiring_approval: source.categories_requiring_approval,
      registration_capacity: source.registration_capacity,
      consent_texts: json(source.consent_texts),
      retention_days: source.retention_days,
      health_retention_days: source.health_retention_days,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const dayIds = new Map<number, number>();
  if (days.length > 0) {
    const copies = await tx
      .insertInto("edition_day")
      .values(days.map((day) => ({ edition_id: editionId, day: shiftDay(day.day, shift) })))
      .returning(["id", "day"])
      .execute();
    const byDay = new Map(copies.map((copy) => [copy.day, copy.id]));
    for (const day of days) dayIds.set(day.id, byDay.get(shiftDay(day.day, shift)) as number);
  }

  const [sessions, speakers, questions, supporters, contacts, links, people, practical] = await Promise.all([
    tx.selectFrom("session").where("edition_id", "=", source.id).selectAll().orderBy("id").execute(),
    tx
      .selectFrom("session_speaker")
      .innerJoin("session", "session.id", "session_speaker.session_id")
      .where("session.edition_id", "=", source.id)
      .select(["session_speaker.session_id", "session_speaker.speaker_id", "session_speaker.role", "session_speaker.position"])
      .execute(),
    // A question removed from the form stays with its answers; the next edition does not ask it.
    tx.selectFrom("registration_question").where("edition_id", "=", source.id).where("removed_at", "is", null).selectAll().orderBy("position").orderBy("id").execute(),
    tx.selectFrom("supporter").where("edition_id", "=", source.id).selectAll().orderBy("position").orderBy("id").execute(),
    tx.selectFrom("edition_contact").where("edition_id", "=", source.id).selectAll().orderBy("position").orderBy("id").execute(),
    tx.selectFrom("edition_link").where("edition_id", "=", source.id).selectAll().orderBy("position").orderBy("id").execute(),
    tx.selectFrom("speaker").where("edition_id", "=", source.id).selectAll().orderBy("id").execute(),
    tx.selectFrom("practical_section").where("edition_id", "=", source.id).selectAll().orderBy("position").orderBy("id").execute(),
  ]);

  // Images belong to their edition: the copy gets its own, so that replacing a logo or a photo of
  // one edition never changes the other.
  const mediaIds = new Map<number, number>();
  const mediaToCopy = [...supporters.map((supporter) => supporter.logo_media_id), ...people.map((speaker) => speaker.photo_media_id)].filter((id): id is number => id !== null);
  for (const mediaId of new Set(mediaToCopy)) {
    const media = await tx.selectFrom("media").where("id", "=", mediaId).where("edition_id", "=", source.id).selectAll().executeTakeFirst();
    if (!media) continue;
    const copy = await tx
      .insertInto("media")
      .values({ edition_id: editionId, content_type: media.content_type, bytes: media.bytes, width: media.width, height: media.height, hash: media.hash, uploaded_by_person_id: media.uploaded_by_person_id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    mediaIds.set(mediaId, copy.id);
  }
  const copiedMedia = (id: number | null) => (id === null ? null : (mediaIds.get(id) ?? null));

  // Speakers belong to one edition: each is copied, and the sessions' copies name the copies.
  const speakerIds = new Map<number, number>();
  for (const speaker of people) {
    const copy = await tx
      .insertInto("speaker")
      .values({
        edition_id: editionId,
        name: speaker.name,
        organisation: speaker.organisation,
        role: speaker.role ? json(speaker.role) : null,
        biography: speaker.biography ? json(speaker.biography) : null,
        photo_media_id: copiedMedia(speaker.photo_media_id),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    speakerIds.set(speaker.id, copy.id);
  }
  if (practical.length > 0) {
    await tx
      .insertInto("practical_section")
      .values(practical.map((section) => ({ edition_id: editionId, title: json(section.title), body: json(section.body), position: section.position })))
      .execute();
  }

  // Each copied session gets its uid here, to know which copy stands for which source session.
  const sessionIds = new Map<number, number>();
  if (sessions.length > 0) {
    const uids = new Map(sessions.map((session) => [session.id, randomUUID()]));
    const copies = await tx
      .insertInto("session")
      .values(
        sessions.map((session) => ({
          uid: uids.get(session.id) as string,
          edition_id: editionId,
          day_id: dayIds.get(session.day_id) as number,
          starts_at: shiftInstant(session.starts_at, shift, zone),
          ends_at: shiftInstant(session.ends_at, shift, zone),
          kind: session.kind,
          title: json(session.title),
          description: session.description ? json(session.description) : null,
          room_id: session.room_id === null ? null : (roomIds.get(session.room_id) ?? null),
          capacity: session.capacity,
          requires_signup: session.requires_signup,
          position: session.position,
          updated_at: now,
        })),
      )
      .returning(["id", "uid"])
      .execute();
    const byUid = new Map(copies.map((copy) => [copy.uid, copy.id]));
    for (const [sourceId, uid] of uids) sessionIds.set(sourceId, byUid.get(uid) as number);
  }
  if (speakers.length > 0) {
    await tx
      .insertInto("session_speaker")
      .values(speakers.map((link) => ({ session_id: sessionIds.get(link.session_id) as number, speaker_id: speakerIds.get(link.speaker_id) as number, role: link.role, position: link.position })))
      .execute();
  }
  if (questions.length > 0) {
    await tx
      .insertInto("registration_question")
      .values(
        questions.map((question) => ({
          edition_id: editionId,
          kind: question.kind,
          label: json(question.label),
          help: question.help ? json(question.help) : null,
          options: json(question.options),
          required: question.required,
          health_data: question.health_data,
          position: question.position,
        })),
      )
      .execute();
  }
  if (supporters.length > 0) {
    await tx
      .insertInto("supporter")
      .values(
        supporters.map((supporter) => ({
          edition_id: editionId,
          name: json(supporter.name),
          acronym: supporter.acronym ? json(supporter.acronym) : null,
          role: supporter.role,
          note: supporter.note ? json(supporter.note) : null,
          website: supporter.website,
          position: supporter.position,
          logo_media_id: copiedMedia(supporter.logo_media_id),
        })),
      )
      .execute();
  }
  if (contacts.length > 0) {
    await tx
      .insertInto("edition_contact")
      .values(contacts.map((contact) => ({ edition_id: editionId, name: contact.name, role: json(contact.role), email: contact.email, phone: contact.phone, position: contact.position })))
      .execute();
  }
  if (links.length > 0) {
    await tx
      .insertInto("edition_link")
      .values(links.map((link) => ({ edition_id: editionId, kind: link.kind, url: link.url, label: json(link.label), position: link.position })))
      .execute();
  }

  await recordAudit(
    tx,
    access,
    {
      action: "edition.copy",
      subjectType: "edition",
      subjectId: editionId,
      editionId,
      before: { from: { year: source.year, number: source.number } },
      after: { year: input.year, number: input.number, first_day: input.first_day, days_shifted: shift, sessions: sessions.length, questions: questions.length },
    },
    now,
  );
  return { year: input.year, editionId };
}
