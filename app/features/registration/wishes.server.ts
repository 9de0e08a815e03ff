import { createHash, randomBytes } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { composeMail } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { isLanguage } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { localisedString } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { recordAudit } from "~/features/organisers/audit.server";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { registrationFor } from "./access.server";
import { agendaChanged } from "./mails.server";
import { allocateInTurns } from "./wishes";

/** A round of wishes of this edition, locked until the transaction ends; any other id is not found. */
async function lockRound(tx: Transaction<DB>, roundId: number, editionId: number) {
  const round = await tx.selectFrom("wish_round").where("id", "=", roundId).where("edition_id", "=", editionId).selectAll().forUpdate().executeTakeFirst();
  if (!round) throw new AppError("wish_round_not_found", "no such round in this edition");
  return round;
}

/** Replaces a person's ranked wishes for the sessions of a round, while the round is open. */
export async function submitWishes(
  db: Kysely<DB>,
  request: { registrationId: number; personId: number; roundId: number; sessionIds: number[]; now: Date },
): Promise<void> {
  const registration = await registrationFor(db, request.registrationId, request.personId);
  if (registration.status !== "confirmed") throw new AppError("registration_not_confirmed");
  if (new Set(request.sessionIds).size !== request.sessionIds.length) throw new AppError("wish_session_repeated", "a session ranked twice");
  await db.transaction().execute(async (tx) => {
    const round = await lockRound(tx, request.roundId, registration.edition_id);
    if (request.now < round.opens_at || request.now >= round.closes_at || round.allocated_at) {
      throw new AppError("wish_round_not_open");
    }
    const inRound = await tx.selectFrom("session").where("wish_round_id", "=", round.id).select("id").execute();
    if (request.sessionIds.some((id) => !inRound.some((session) => session.id === id))) {
      throw new AppError("wish_session_not_in_round");
    }
    await tx.deleteFrom("session_wish").where("wish_round_id", "=", round.id).where("registration_id", "=", registration.id).execute();
    if (request.sessionIds.length > 0) {
      await tx
        .insertInto("session_wish")
        .values(request.sessionIds.map((sessionId, index) => ({ wish_round_id: round.id, registration_id: registration.id, session_id: sessionId, rank: index + 1 })))
        .execute();
    }
  });
}

/**
 * The draw order of a round: registrations sorted by SHA-256 of "seed:registration id". Anyone
 * who knows the published seed can check it.
 */
export function drawOrder(seed: string, registrationIds: readonly number[]): number[] {
  const key = (id: number) => createHash("sha256").update(`${seed}:${id}`).digest("hex");
  return [...registrationIds].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b));
}

export interface Allocation {
  seats: { registrationId: number; sessionId: number; rank: number }[];
  waitlisted: { registrationId: number; sessionId: number }[];
}

/**
 * Allocates the seats of a closed round: everyone's first wish before anyone's second, and so on;
 * within one rank, in the draw order. A wish is granted while its session has a free seat and it
 * does not overlap a seat already granted. People left without any seat wait for their first wish.
 * Each person is told the result by e-mail, in their language.
 */
export async function allocateWishes(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { roundId: number; now: Date; publicUrl: string },
): Promise<Allocation> {
  return db.transaction().execute(async (tx) => {
    const round = await lockRound(tx, request.roundId, access.editionId);
    if (round.allocated_at) throw new AppError("round_already_allocated");
    if (request.now < round.closes_at) throw new AppError("round_not_closed");

    const sessions = await tx
      .selectFrom("session")
      .where("wish_round_id", "=", round.id)
      .select(["id", "starts_at", "ends_at", "capacity", "title"])
      .forUpdate()
      .execute();
    const wishes = await tx
      .selectFrom("session_wish")
      .innerJoin("registration", "registration.id", "session_wish.registration_id")
      .where("session_wish.wish_round_id", "=", round.id)
      .where("registration.status", "=", "confirmed")
      .select(["session_wish.registration_id", "session_wish.session_id", "session_wish.rank"])
      .execute();
    const freeSeats = new Map<number, number>();
    for (const session of sessions) {
      const taken = await tx
        .selectFrom("session_signup")
        .where("session_id", "=", session.id)
        .where("status", "=", "confirmed")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .executeTakeFirstOrThrow();
      freeSeats.set(session.id, (session.capacity ?? 0) - Number(taken.count));
    }
    const sessionById = new Map(sessions.map((session) => [session.id, session]));
    const order = drawOrder(round.seed, [...new Set(wishes.map((wish) => wish.registration_id))]);
    const granted = new Map<number, number[]>(order.map((id) => [id, []]));
    const allocation: Allocation = { seats: [], waitlisted: [] };
    const turns = wishes.map((wish) => ({ registrationId: wish.registration_id, sessionId: wish.session_id, rank: wish.rank }));
    allocation.seats = allocateInTurns(order, turns, (wish) => {
      const session = sessionById.get(wish.sessionId);
      if (!session || (freeSeats.get(session.id) ?? 0) <= 0) return false;
      const held = granted.get(wish.registrationId) ?? [];
      const overlaps = held.some((id) => {
        const other = sessionById.get(id);
        return other !== undefined && other.starts_at < session.ends_at && other.ends_at > session.starts_at;
      });
      if (overlaps) return false;
      held.push(session.id);
      freeSeats.set(session.id, (freeSeats.get(session.id) ?? 0) - 1);
      return true;
    });
    for (const registrationId of order) {
      if ((granted.get(registrationId) ?? []).length > 0) continue;
      const first = wishes.filter((w) => w.registration_id === registrationId).sort((a, b) => a.rank - b.rank)[0];
      if (first) allocation.waitlisted.push({ registrationId, sessionId: first.session_id });
    }

    const rows = [
      ...allocation.seats.map((seat) => ({ registration_id: seat.registrationId, session_id: seat.sessionId, status: "confirmed" as const, created_at: request.now, waitlisted_at: null })),
      ...allocation.waitlisted.map((wait) => ({ registration_id: wait.registrationId, session_id: wait.sessionId, status: "waitlisted" as const, created_at: request.now, waitlisted_at: request.now })),
    ];
    if (rows.length > 0) await tx.insertInto("session_signup").values(rows).execute();
    await tx.updateTable("wish_round").set({ allocated_at: request.now }).where("id", "=", round.id).execute();
    await recordAudit(
      tx,
      access,
      { action: "wish_round.allocate", subjectType: "wish_round", subjectId: round.id, after: { seats: allocation.seats.length, waitlisted: allocation.waitlisted.length } },
      request.now,
    );

    for (const registrationId of order) {
      const person = await tx
        .selectFrom("registration")
        .innerJoin("person", "person.id", "registration.person_id")
        .where("registration.id", "=", registrationId)
        .select(["registration.email", "registration.given_name", "person.language"])
        .executeTakeFirstOrThrow();
      const language = isLanguage(person.language) ? person.language : "fr";
      const seats = allocation.seats.filter((seat) => seat.registrationId === registrationId);
      const waiting = allocation.waitlisted.find((wait) => wait.registrationId === registrationId);
      const title = (id: number) => {
        const session = sessionById.get(id);
        return session ? localisedString(session.title, language) : "";
      };
      const lines = [
        ...seats.map((seat) => translate(language, "registration.wishes.mail.seat", { session: title(seat.sessionId), rank: seat.rank })),
        ...(waiting ? [translate(language, "registration.wishes.mail.waitlisted", { session: title(waiting.sessionId) })] : []),
      ];
      const mail = composeMail({
        language,
        subject: translate(language, "registration.wishes.mail.subject"),
        paragraphs: [
          translate(language, "registration.mail.greeting", { name: person.given_name }),
          ...lines,
          translate(language, "registration.wishes.mail.seed", { seed: round.seed }),
        ],
        action: { label: translate(language, "registration.mail.action"), url: request.publicUrl + paths.space(language) },
      });
      await enqueueMail(tx, { to: person.email, language, ...mail });
      if (seats.length > 0) await agendaChanged(tx, registrationId, request.now, request.publicUrl);
    }
    return allocation;
  });
}

/**
 * The sessions of an edition that may still take wishes: with sign-up, in no round, and nobody
 * signed up (not even waitlisted or cancelled). The one rule for the organisers' page and
 * openWishRound.
 */
function wishableSessions(db: Kysely<DB>, editionId: number) {
  return db
    .selectFrom("session")
    .where("session.edition_id", "=", editionId)
    .where("session.requires_signup", "=", true)
    .where("session.wish_round_id", "is", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("session_signup").whereRef("session_signup.session_id", "=", "session.id").select("id"))));
}

/** The sessions an organiser may put in a new round of wishes, in programme order. */
export async function wishRoundCandidates(db: Kysely<DB>, access: BackOfficeAccess) {
  return wishableSessions(db, access.editionId)
    .innerJoin("edition_day", "edition_day.id", "session.day_id")
    .select(["session.id", "session.title", "edition_day.day", "session.starts_at"])
    .orderBy("session.starts_at")
    .orderBy("session.position")
    .execute();
}

/**
 * Opens a round of ranked wishes for sessions of the organiser's edition that may take wishes
 * (wishRoundCandidates); its seed is drawn now and published with the round.
 */
export async function openWishRound(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { sessionIds: number[]; opensAt: Date; closesAt: Date; now: Date },
): Promise<{ id: number; seed: string }> {
  if (request.sessionIds.length === 0) throw new AppError("wish_round_without_sessions");
  if (request.closesAt <= request.opensAt) throw new AppError("invalid_round_dates", "closes before it opens");
  return db.transaction().execute(async (tx) => {
    const sessions = await wishableSessions(tx, access.editionId).where("session.id", "in", request.sessionIds).select("session.id").forUpdate().execute();
    if (sessions.length !== new Set(request.sessionIds).size) throw new AppError("session_not_wishable", "a session cannot take wishes");
    const seed = randomBytes(12).toString("base64url");
    const round = await tx
      .insertInto("wish_round")
      .values({ edition_id: access.editionId, opens_at: request.opensAt, closes_at: request.closesAt, seed })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx.updateTable("session").set({ wish_round_id: round.id }).where("id", "in", request.sessionIds).execute();
    await recordAudit(
      tx,
      access,
      { action: "wish_round.open", subjectType: "wish_round", subjectId: round.id, after: { sessionIds: request.sessionIds, opensAt: request.opensAt, closesAt: request.closesAt, seed } },
      request.now,
    );
    return { id: round.id, seed };
  });
}

/** Every wish round of the organiser's edition, with its sessions and how many people made wishes. */
export async function listWishRounds(db: Kysely<DB>, access: BackOfficeAccess) {
  const rounds = await db
    .selectFrom("wish_round")
    .where("edition_id", "=", access.editionId)
    .select((eb) => [
      "id",
      "opens_at",
      "closes_at",
      "seed",
      "allocated_at",
      eb
        .selectFrom("session_wish")
        .whereRef("session_wish.wish_round_id", "=", "wish_round.id")
        .select(sql<number>`count(distinct registration_id)::int`.as("n"))
        .as("people"),
    ])
    .orderBy("opens_at")
    .execute();
  const sessions =
    rounds.length === 0
      ? []
      : await db
          .selectFrom("session")
          .where(
            "wish_round_id",
            "in",
            rounds.map((round) => round.id),
          )
          .select(["id", "title", "wish_round_id"])
          .orderBy("starts_at")
          .execute();
  return rounds.map((round) => ({ ...round, sessions: sessions.filter((session) => session.wish_round_id === round.id) }));
}
