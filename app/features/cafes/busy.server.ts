import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";

/** What keeps a person busy at a time of the edition, for cafés and for the meetings board. */
export type BusyKind = "cafe_host" | "cafe_seat" | "workshop" | "meeting";

export interface BusyTime {
  registrationId: number;
  startsAt: Date;
  endsAt: Date;
  kind: BusyKind;
}

/**
 * The café seats of these registrations in the edition, and the café blocks in which they host
 * a table (the whole block: a host keeps their table every round). The B2B meetings board calls
 * it to keep meetings off them.
 */
export async function cafeSeatTimes(
  db: Kysely<DB>,
  editionId: number,
  registrationIds: readonly number[],
): Promise<{ registrationId: number; startsAt: Date; endsAt: Date }[]> {
  const busy = await cafeTimes(db, editionId, registrationIds);
  return busy.map(({ registrationId, startsAt, endsAt }) => ({ registrationId, startsAt, endsAt }));
}

async function cafeTimes(db: Kysely<DB>, editionId: number, registrationIds: readonly number[]): Promise<BusyTime[]> {
  const ids = [...new Set(registrationIds)];
  if (ids.length === 0) return [];
  const [seats, hosting] = await Promise.all([
    db
      .selectFrom("cafe_seat")
      .innerJoin("cafe", "cafe.id", "cafe_seat.cafe_id")
      .where("cafe.edition_id", "=", editionId)
      .where("cafe_seat.registration_id", "in", ids)
      .select(["cafe_seat.registration_id as registrationId", "cafe_seat.round_starts_at as startsAt", "cafe_seat.round_ends_at as endsAt"])
      .execute(),
    db
      .selectFrom("cafe")
      .innerJoin("session", "session.id", "cafe.session_id")
      .where("cafe.edition_id", "=", editionId)
      .where("cafe.host_registration_id", "in", ids)
      .select(["cafe.host_registration_id as registrationId", "session.starts_at as startsAt", "session.ends_at as endsAt"])
      .execute(),
  ]);
  return [...hosting.map((row) => ({ ...row, kind: "cafe_host" as const })), ...seats.map((row) => ({ ...row, kind: "cafe_seat" as const }))].sort(
    (a, b) => a.registrationId - b.registrationId || a.startsAt.getTime() - b.startsAt.getTime(),
  );
}

/**
 * Everything that holds these registrations at a time of the edition: café hosting and seats,
 * confirmed workshop seats, and placed B2B meetings.
 */
export async function busyTimes(db: Kysely<DB>, editionId: number, registrationIds: readonly number[]): Promise<BusyTime[]> {
  const ids = [...new Set(registrationIds)];
  if (ids.length === 0) return [];
  const [cafes, workshops, meetings] = await Promise.all([
    cafeTimes(db, editionId, ids),
    db
      .selectFrom("session_signup")
      .innerJoin("session", "session.id", "session_signup.session_id")
      .where("session.edition_id", "=", editionId)
      .where("session_signup.status", "=", "confirmed")
      .where("session_signup.registration_id", "in", ids)
      .select(["session_signup.registration_id as registrationId", "session.starts_at as startsAt", "session.ends_at as endsAt"])
      .execute(),
    db
      .selectFrom("meeting_attendee")
      .innerJoin("meeting_slot", "meeting_slot.id", "meeting_attendee.slot_id")
      .where("meeting_slot.edition_id", "=", editionId)
      .where("meeting_attendee.registration_id", "in", ids)
      .select(["meeting_attendee.registration_id as registrationId", "meeting_slot.starts_at as startsAt", "meeting_slot.ends_at as endsAt"])
      .execute(),
  ]);
  return [...cafes, ...workshops.map((row) => ({ ...row, kind: "workshop" as const })), ...meetings.map((row) => ({ ...row, kind: "meeting" as const }))];
}

/** Whether two spans of time share a moment (touching ends do not). */
export const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) => a.startsAt < b.endsAt && a.endsAt > b.startsAt;
