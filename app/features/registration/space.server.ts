import type { Kysely } from "kysely";
import type { DB, Localised } from "~/db/schema";
import { registrationWindow } from "~/features/editions/editions.server";
import { AppError } from "~/lib/errors";
import { agendaOf, overlapsIn } from "./agenda";
import { meetingsOfPeople } from "~/features/meetings/placement.server";
import { confirmationsOf } from "./confirmation.server";
import { delegationsLedBy } from "./delegation.server";
import { pendingInvitationsOf } from "./invitations.server";

/**
 * Everything a person's space shows: their registrations (newest edition first), each with its
 * workshops, open wish rounds, agenda, delegation and invitations awaiting an answer, and whether they may register for the
 * current edition. One query plan whatever the number of registrations: each kind of row is
 * fetched for every registration at once and grouped here.
 */
export async function personalSpace(db: Kysely<DB>, person: { personId: number }, now: Date) {
  const registrations = await db
    .selectFrom("registration")
    .innerJoin("edition", "edition.id", "registration.edition_id")
    .where("registration.person_id", "=", person.personId)
    .where("registration.status", "<>", "cancelled")
    .select([
      "registration.id",
      "registration.status",
      "registration.edition_id",
      "registration.given_name",
      "registration.family_name",
      "registration.organisation_name",
      "registration.category",
      "edition.year",
      "edition.time_zone",
      "edition.registration_opens_at",
      "edition.registration_closes_at",
    ])
    .orderBy("edition.number", "desc")
    .execute();
  const editionIds = registrations.map((registration) => registration.edition_id);
  const registrationIds = registrations.map((registration) => registration.id);
  const confirmed = registrations.filter((registration) => registration.status === "confirmed");
  const confirmedIds = confirmed.map((registration) => registration.id);
  const confirmedEditionIds = confirmed.map((registration) => registration.edition_id);

  const [workshops, rounds, agendaSessions, seats, delegations, invitations, current, confirmations] = await Promise.all([
    workshopsOf(db, editionIds, registrationIds),
    openRoundsOf(db, confirmedEditionIds, confirmedIds, now),
    confirmedEditionIds.length === 0
      ? []
      : db
          .selectFrom("session")
          .innerJoin("edition_day", "edition_day.id", "session.day_id")
          .where("session.edition_id", "in", confirmedEditionIds)
          .select(["session.id", "session.edition_id", "session.title", "edition_day.day", "session.starts_at", "session.ends_at", "session.requires_signup", "session.kind"])
          .orderBy("session.starts_at")
          .orderBy("session.position")
          .execute(),
    confirmedIds.length === 0
      ? []
      : db
          .selectFrom("session_signup")
          .where("registration_id", "in", confirmedIds)
          .where("status", "=", "confirmed")
          .select(["registration_id", "session_id"])
          .execute(),
    delegationsLedBy(db, person.personId, editionIds),
    pendingInvitationsOf(db, person.personId, editionIds, now),
    // The current edition (as currentEditionYear chooses it) with its window, in the same query:
    // on PGlite each query waits its turn on the one connection.
    db
      .selectFrom("edition")
      .where("published", "=", true)
      .select(["year", "registration_opens_at", "registration_closes_at"])
      .orderBy("number", "desc")
      .limit(1)
      .executeTakeFirst(),
    // Only the person's own registrations: a lead never reads colleagues' answers or consents.
    confirmationsOf(db, registrationIds),
  ]);
  if (!current) throw new AppError("edition_not_found", "no published edition");
  const meetings = await meetingsOfPeople(db, confirmedEditionIds, confirmedIds);
  const currentYear = current.year;

  return {
    currentYear,
    // A person registers once per edition; the space links to the form while that is possible.
    canRegister: registrationWindow(current, now).state === "open" && !registrations.some((r) => r.year === currentYear),
    registrations: registrations.map(({ registration_opens_at, registration_closes_at, ...registration }) => {
      const isConfirmed = registration.status === "confirmed";
      return {
        ...registration,
        timeZone: registration.time_zone,
        open: registrationWindow({ registration_opens_at, registration_closes_at }, now).state === "open",
        workshops: withClashes(workshops.filter((session) => session.edition_id === registration.edition_id)),
        wishRounds: isConfirmed ? rounds.filter((round) => round.edition_id === registration.edition_id) : [],
        agenda: isConfirmed ? agendaWithOverlaps(agendaSessions.filter((session) => session.edition_id === registration.edition_id), seats.filter((seat) => seat.registration_id === registration.id).map((seat) => seat.session_id)) : [],
        meetings: meetings.get(registration.id) ?? [],
        confirmation: confirmations.get(registration.id),
        delegation: delegations.filter((member) => member.edition_id === registration.edition_id && member.person_id !== person.personId),
        invitations: invitations.filter((invitation) => invitation.edition_id === registration.edition_id),
      };
    }),
  };
}

export type PersonalSpace = Awaited<ReturnType<typeof personalSpace>>;

/** The agenda as the space lists it, each session with the titles of those at the same time. */
function agendaWithOverlaps<S extends Parameters<typeof agendaOf>[0][number] & { title: Localised; day: string }>(sessions: S[], seatIds: number[]) {
  const agenda = agendaOf(sessions, seatIds);
  const overlaps = overlapsIn(agenda);
  return agenda.map(({ id, title, day, starts_at, ends_at }) => ({ id, title, day, starts_at, ends_at, overlaps: (overlaps.get(id) ?? []).map((other) => other.title) }));
}

/**
 * The sessions needing a sign-up of these editions, with seats taken and the place of the
 * person's registration (a person has at most one active registration per edition).
 */
async function workshopsOf(db: Kysely<DB>, editionIds: number[], registrationIds: number[]) {
  if (editionIds.length === 0) return [];
  return db
    .selectFrom("session")
    .innerJoin("edition_day", "edition_day.id", "session.day_id")
    .innerJoin("session_seat_counter", "session_seat_counter.session_id", "session.id")
    .where("session.edition_id", "in", editionIds)
    .where("session.requires_signup", "=", true)
    .select((eb) => [
      "session.id",
      "session.edition_id",
      "edition_day.day",
      "session.title",
      "session.description",
      "session.starts_at",
      "session.ends_at",
      "session.capacity",
      "session.wish_round_id",
      "session_seat_counter.confirmed as taken",
      eb
        .selectFrom("session_signup")
        .whereRef("session_signup.session_id", "=", "session.id")
        .where("session_signup.registration_id", "in", registrationIds)
        .where("session_signup.status", "<>", "cancelled")
        .select("session_signup.status")
        .limit(1)
        .as("mine"),
    ])
    .orderBy("session.starts_at")
    .orderBy("session.position")
    .execute();
}

/**
 * Each workshop with the one the person holds or waits for at the same time, if any: signing up
 * would be refused (nobody holds two sessions at once), and the card says why beforehand. Every
 * sign-up is for a session that needs one, so the edition's workshops are all there is to compare.
 */
function withClashes<T extends { id: number; title: { fr: string; en: string }; starts_at: Date; ends_at: Date; mine: string | null }>(workshops: T[]) {
  return workshops.map((session) => {
    const other = session.mine
      ? undefined
      : workshops.find((held) => held.mine !== null && held.id !== session.id && held.starts_at < session.ends_at && held.ends_at > session.starts_at);
    return { ...session, clash: other ? { id: other.id, title: other.title, status: other.mine === "confirmed" ? ("confirmed" as const) : ("waitlisted" as const) } : null };
  });
}

/** The wish rounds of these editions open at `now`, with their sessions and the person's ranks. */
async function openRoundsOf(db: Kysely<DB>, editionIds: number[], registrationIds: number[], now: Date) {
  if (editionIds.length === 0) return [];
  const rounds = await db
    .selectFrom("wish_round")
    .where("edition_id", "in", editionIds)
    .where("opens_at", "<=", now)
    .where("closes_at", ">", now)
    .where("allocated_at", "is", null)
    .select(["id", "edition_id", "closes_at", "seed"])
    .orderBy("closes_at")
    .execute();
  if (rounds.length === 0) return [];
  const sessions = await db
    .selectFrom("session")
    .innerJoin("edition_day", "edition_day.id", "session.day_id")
    .leftJoin("session_wish", (join) =>
      join.onRef("session_wish.session_id", "=", "session.id").on("session_wish.registration_id", "in", registrationIds),
    )
    .where(
      "session.wish_round_id",
      "in",
      rounds.map((round) => round.id),
    )
    .select(["session.id", "session.wish_round_id", "session.title", "edition_day.day", "session.starts_at", "session.ends_at", "session_wish.rank"])
    .orderBy("session.starts_at")
    .orderBy("session.position")
    .execute();
  return rounds.map((round) => ({ ...round, sessions: sessions.filter((session) => session.wish_round_id === round.id) }));
}
