import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { CafeMode, DB, Localised } from "~/db/schema";
import { composeMail, inertText } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { spokenLanguages } from "~/features/registration/form";
import { drawOrder } from "~/features/registration/wishes.server";
import { allocateInTurns } from "~/features/registration/wishes";
import { isLanguage, type Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { AppError, type ErrorCode } from "~/lib/errors";
import { formatTime } from "~/lib/format";
import { localisedString } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { busyTimes, overlaps, type BusyKind, type BusyTime } from "./busy.server";
import { cafeLimits, cafeModes } from "./limits";

export interface CafeSettings {
  roundMinutes: number;
  mode: CafeMode;
  wishesCloseAt: Date | null;
  allocatedAt: Date | null;
  seed: string | null;
}

export interface Round {
  startsAt: Date;
  endsAt: Date;
}

/** The rounds of a café block: consecutive spans of `minutes` (the whole block when it is shorter than one). */
export function roundsOf(block: { startsAt: Date; endsAt: Date }, minutes: number): Round[] {
  const length = minutes * 60_000;
  const end = block.endsAt.getTime();
  const rounds: Round[] = [];
  for (let start = block.startsAt.getTime(); start + length <= end; start += length)
    rounds.push({ startsAt: new Date(start), endsAt: new Date(start + length) });
  return rounds.length > 0 ? rounds : [{ startsAt: block.startsAt, endsAt: block.endsAt }];
}

/** An edition's café settings; the defaults until an organiser saves them. */
export async function readCafeSettings(db: Kysely<DB>, editionId: number): Promise<CafeSettings> {
  const row = await db.selectFrom("cafe_settings").where("edition_id", "=", editionId).selectAll().executeTakeFirst();
  return {
    roundMinutes: row?.round_minutes ?? 30,
    mode: row?.mode ?? "booking",
    wishesCloseAt: row?.wishes_close_at ?? null,
    allocatedAt: row?.allocated_at ?? null,
    seed: row?.seed ?? null,
  };
}

const wishesOpen = (settings: CafeSettings, now: Date) =>
  settings.mode === "wishes" && !settings.allocatedAt && (settings.wishesCloseAt === null || now < settings.wishesCloseAt);
/** Seats are taken first come, first served in booking mode, and in wishes mode once the wishes are allocated. */
const bookingOpen = (settings: CafeSettings) => settings.mode === "booking" || settings.allocatedAt !== null;

/** The café blocks of an edition's programme, in time order. */
async function cafeBlocks(db: Kysely<DB>, editionId: number) {
  return db
    .selectFrom("session")
    .where("edition_id", "=", editionId)
    .where("kind", "=", "cafe")
    .select(["id", "title", "starts_at as startsAt", "ends_at as endsAt"])
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
}

/** The cafés of an edition whose host is a confirmed participant, with what a list shows of them. */
function cafesQuery(db: Kysely<DB>, editionId: number) {
  return db
    .selectFrom("cafe")
    .innerJoin("registration as host", "host.id", "cafe.host_registration_id")
    .leftJoin("meeting_profile", "meeting_profile.registration_id", "host.id")
    .where("cafe.edition_id", "=", editionId)
    .where("host.status", "=", "confirmed")
    .where("host.anonymised_at", "is", null)
    .select([
      "cafe.id",
      "cafe.session_id as sessionId",
      "cafe.topic",
      "cafe.language",
      "cafe.table_label as table",
      "cafe.seats",
      "host.id as hostRegistrationId",
      "host.given_name",
      "host.family_name",
      "host.organisation_name as hostOrganisation",
      "meeting_profile.published_at",
    ])
    .orderBy("cafe.session_id")
    .orderBy("cafe.table_label");
}

export interface CafeView {
  id: number;
  sessionId: number;
  topic: Localised;
  language: string;
  table: string;
  seats: number;
  host: { registrationId: number; name: string; organisation: string; published: boolean };
}

async function listCafes(db: Kysely<DB>, editionId: number): Promise<CafeView[]> {
  const rows = await cafesQuery(db, editionId).execute();
  return rows.map((row) => ({
    id: row.id,
    sessionId: row.sessionId,
    topic: row.topic,
    language: row.language,
    table: row.table,
    seats: row.seats,
    host: {
      registrationId: row.hostRegistrationId,
      name: `${row.given_name} ${row.family_name}`,
      organisation: row.hostOrganisation,
      published: row.published_at !== null,
    },
  }));
}

/** The guests of the edition's cafés, round by round (confirmed registrations only). */
async function listSeats(db: Kysely<DB>, editionId: number) {
  return db
    .selectFrom("cafe_seat")
    .innerJoin("cafe", "cafe.id", "cafe_seat.cafe_id")
    .innerJoin("registration", "registration.id", "cafe_seat.registration_id")
    .where("cafe.edition_id", "=", editionId)
    .where("registration.status", "=", "confirmed")
    .select([
      "cafe_seat.cafe_id as cafeId",
      "cafe_seat.round_starts_at as roundStartsAt",
      "registration.id as registrationId",
      "registration.given_name",
      "registration.family_name",
      "registration.organisation_name as organisation",
      "registration.languages",
    ])
    .orderBy("registration.sort_name")
    .execute();
}

const roundKey = (cafeId: number, startsAt: Date) => `${cafeId}@${startsAt.toISOString()}`;

/** A confirmed, not anonymised registration of the edition, as a participant of its cafés. */
async function participant(db: Kysely<DB>, editionId: number, personId: number, lock = false) {
  let query = db
    .selectFrom("registration")
    .where("edition_id", "=", editionId)
    .where("person_id", "=", personId)
    .where("status", "=", "confirmed")
    .where("anonymised_at", "is", null)
    .select(["id", "given_name", "family_name"]);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError("cafe_not_participant");
  return row;
}

/** The refusal a busy time gives to a café seat at the same time. */
const clashCodes: Record<BusyKind, ErrorCode> = {
  cafe_host: "cafe_own_round",
  cafe_seat: "cafe_clash_cafe",
  workshop: "cafe_clash_workshop",
  meeting: "cafe_clash_meeting",
};
const clashOrder: BusyKind[] = ["cafe_host", "cafe_seat", "workshop", "meeting"];

function clashOf(busy: readonly BusyTime[], round: Round): ErrorCode | undefined {
  const clashing = busy.filter((time) => overlaps(time, round));
  const kind = clashOrder.find((candidate) => clashing.some((time) => time.kind === candidate));
  return kind && clashCodes[kind];
}

export interface CafesPage {
  settings: CafeSettings;
  wishesOpen: boolean;
  bookingOpen: boolean;
  blocks: {
    id: number;
    title: Localised;
    startsAt: Date;
    endsAt: Date;
    rounds: (Round & { cafes: (CafeView & { left: number; mine: boolean })[] })[];
  }[];
  /** Every café of the edition, for the wishes form. */
  cafes: CafeView[];
  wishes: { cafeId: number; rank: number }[];
  /** The tables the person hosts, with their guests round by round. */
  hosting: (CafeView & { rounds: (Round & { guests: { name: string; organisation: string; languages: string[] }[] })[] })[];
}

/** What a participant sees of the edition's cafés: tables round by round, their seats and wishes, and the guests of a table they host. */
export async function cafesPage(db: Kysely<DB>, request: { editionId: number; personId: number; now: Date }): Promise<CafesPage> {
  const me = await participant(db, request.editionId, request.personId);
  const [settings, blocks, cafes, seats, wishes] = await Promise.all([
    readCafeSettings(db, request.editionId),
    cafeBlocks(db, request.editionId),
    listCafes(db, request.editionId),
    listSeats(db, request.editionId),
    db.selectFrom("cafe_wish").where("registration_id", "=", me.id).select(["cafe_id as cafeId", "rank"]).orderBy("rank").execute(),
  ]);
  const taken = new Map<string, number>();
  for (const seat of seats) taken.set(roundKey(seat.cafeId, seat.roundStartsAt), (taken.get(roundKey(seat.cafeId, seat.roundStartsAt)) ?? 0) + 1);
  const mine = new Set(seats.filter((seat) => seat.registrationId === me.id).map((seat) => roundKey(seat.cafeId, seat.roundStartsAt)));
  const visible = new Set(cafes.map((cafe) => cafe.id));
  return {
    settings,
    wishesOpen: wishesOpen(settings, request.now),
    bookingOpen: bookingOpen(settings),
    blocks: blocks
      .filter((block) => cafes.some((cafe) => cafe.sessionId === block.id))
      .map((block) => ({
        ...block,
        rounds: roundsOf(block, settings.roundMinutes).map((round) => ({
          ...round,
          cafes: cafes
            .filter((cafe) => cafe.sessionId === block.id)
            .map((cafe) => {
              const key = roundKey(cafe.id, round.startsAt);
              return { ...cafe, left: Math.max(0, cafe.seats - (taken.get(key) ?? 0)), mine: mine.has(key) };
            }),
        })),
      })),
    cafes,
    wishes: wishes.filter((wish) => visible.has(wish.cafeId)),
    hosting: cafes
      .filter((cafe) => cafe.host.registrationId === me.id)
      .map((cafe) => {
        const block = blocks.find((candidate) => candidate.id === cafe.sessionId);
        return {
          ...cafe,
          rounds: (block ? roundsOf(block, settings.roundMinutes) : []).map((round) => ({
            ...round,
            guests: seats
              .filter((seat) => seat.cafeId === cafe.id && seat.roundStartsAt.getTime() === round.startsAt.getTime())
              .map((seat) => ({ name: `${seat.given_name} ${seat.family_name}`, organisation: seat.organisation, languages: seat.languages })),
          })),
        };
      }),
  };
}

/** A café of the edition with a confirmed host, its row locked; its block and round checked. */
async function lockCafeRound(tx: Transaction<DB>, editionId: number, cafeId: number, roundStartsAt: Date, roundMinutes: number) {
  const cafe = await tx
    .selectFrom("cafe")
    .innerJoin("session", "session.id", "cafe.session_id")
    .innerJoin("registration as host", "host.id", "cafe.host_registration_id")
    .where("cafe.id", "=", cafeId)
    .where("cafe.edition_id", "=", editionId)
    .where("host.status", "=", "confirmed")
    .where("host.anonymised_at", "is", null)
    .select(["cafe.id", "cafe.seats", "cafe.host_registration_id", "session.starts_at", "session.ends_at"])
    .forUpdate("cafe")
    .executeTakeFirst();
  if (!cafe) throw new AppError("cafe_not_found");
  const round = roundsOf({ startsAt: cafe.starts_at, endsAt: cafe.ends_at }, roundMinutes).find(
    (candidate) => candidate.startsAt.getTime() === roundStartsAt.getTime(),
  );
  if (!round) throw new AppError("cafe_round_not_found");
  return { cafe, round };
}

async function seatsTaken(tx: Kysely<DB>, cafeId: number, roundStartsAt: Date): Promise<number> {
  const row = await tx
    .selectFrom("cafe_seat")
    .innerJoin("registration", "registration.id", "cafe_seat.registration_id")
    .where("cafe_seat.cafe_id", "=", cafeId)
    .where("cafe_seat.round_starts_at", "=", roundStartsAt)
    .where("registration.status", "=", "confirmed")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && "code" in error && error.code === "23505";

/**
 * Takes a seat at a café for one round. Refused when the person is not a confirmed participant,
 * when the round has started, when seats are given by wishes not yet allocated, when the table
 * is full, and when the person is busy then: hosting a table, another café seat, a workshop seat
 * or a B2B meeting. The person's registration is locked first, then the café: two bookings of one
 * person, or a booking and a meeting placed for them, wait for each other.
 */
export async function bookCafeSeat(
  db: Kysely<DB>,
  request: { editionId: number; personId: number; cafeId: number; roundStartsAt: Date; now: Date },
): Promise<void> {
  try {
    await db.transaction().execute(async (tx) => {
      const me = await participant(tx, request.editionId, request.personId, true);
      const settings = await readCafeSettings(tx, request.editionId);
      const { cafe, round } = await lockCafeRound(tx, request.editionId, request.cafeId, request.roundStartsAt, settings.roundMinutes);
      if (!bookingOpen(settings)) throw new AppError("cafe_booking_by_wishes");
      if (round.startsAt <= request.now) throw new AppError("cafe_round_started");
      const clash = clashOf(await busyTimes(tx, request.editionId, [me.id]), round);
      if (clash) throw new AppError(clash);
      if ((await seatsTaken(tx, cafe.id, round.startsAt)) >= cafe.seats) throw new AppError("cafe_full");
      await tx
        .insertInto("cafe_seat")
        .values({ cafe_id: cafe.id, round_starts_at: round.startsAt, round_ends_at: round.endsAt, registration_id: me.id, created_at: request.now })
        .execute();
    });
  } catch (error) {
    // The database's own guard, should two seats of one person at once get past the lock.
    if (isUniqueViolation(error)) throw new AppError("cafe_clash_cafe");
    throw error;
  }
}

/** Gives up one's seat at a café for one round (any other seat is not found). */
export async function cancelCafeSeat(
  db: Kysely<DB>,
  request: { editionId: number; personId: number; cafeId: number; roundStartsAt: Date; now: Date },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const me = await participant(tx, request.editionId, request.personId, true);
    const removed = await tx
      .deleteFrom("cafe_seat")
      .where("registration_id", "=", me.id)
      .where("cafe_id", "=", request.cafeId)
      .where("round_starts_at", "=", request.roundStartsAt)
      .where((eb) =>
        eb.exists(eb.selectFrom("cafe").whereRef("cafe.id", "=", "cafe_seat.cafe_id").where("cafe.edition_id", "=", request.editionId).select("cafe.id")),
      )
      .executeTakeFirst();
    if (removed.numDeletedRows === 0n) throw new AppError("cafe_seat_not_found");
  });
}

/** Replaces a participant's ranked wishes of cafés, while wishes are taken; `cafeIds` in the order wished. */
export async function saveCafeWishes(db: Kysely<DB>, request: { editionId: number; personId: number; cafeIds: number[]; now: Date }): Promise<void> {
  if (new Set(request.cafeIds).size !== request.cafeIds.length) throw new AppError("cafe_wish_ranks_repeated");
  await db.transaction().execute(async (tx) => {
    const me = await participant(tx, request.editionId, request.personId, true);
    const settings = await readCafeSettings(tx, request.editionId);
    if (!wishesOpen(settings, request.now)) throw new AppError("cafe_wishes_closed");
    const known = new Set((await cafesQuery(tx, request.editionId).execute()).map((cafe) => cafe.id));
    if (request.cafeIds.some((id) => !known.has(id))) throw new AppError("cafe_not_found");
    await tx.deleteFrom("cafe_wish").where("registration_id", "=", me.id).execute();
    if (request.cafeIds.length > 0) {
      await tx
        .insertInto("cafe_wish")
        .values(request.cafeIds.map((cafeId, index) => ({ registration_id: me.id, cafe_id: cafeId, rank: index + 1 })))
        .execute();
    }
  });
}

// ——— The organisers' side ———

export interface CafeForOrganisers extends CafeView {
  /** Guests round by round. */
  rounds: (Round & { guests: { registrationId: number; name: string; organisation: string }[] })[];
  wishes: number;
}

/** Everything the organisers' page shows: settings, café blocks, cafés with their guests per round, and the hosts one may choose. */
export async function cafesForOrganisers(db: Kysely<DB>, access: BackOfficeAccess) {
  requirePermission(access, "meetings");
  const [settings, blocks, cafes, seats, wishes, hosts, wishers] = await Promise.all([
    readCafeSettings(db, access.editionId),
    cafeBlocks(db, access.editionId),
    listCafes(db, access.editionId),
    listSeats(db, access.editionId),
    db
      .selectFrom("cafe_wish")
      .innerJoin("cafe", "cafe.id", "cafe_wish.cafe_id")
      .where("cafe.edition_id", "=", access.editionId)
      .groupBy("cafe_wish.cafe_id")
      .select(["cafe_wish.cafe_id", (eb) => eb.fn.countAll<string>().as("n")])
      .execute(),
    hostCandidates(db, access.editionId),
    db
      .selectFrom("cafe_wish")
      .innerJoin("cafe", "cafe.id", "cafe_wish.cafe_id")
      .where("cafe.edition_id", "=", access.editionId)
      .select((eb) => eb.fn.count<string>("cafe_wish.registration_id").distinct().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const wishCount = new Map(wishes.map((row) => [row.cafe_id, Number(row.n)]));
  return {
    settings,
    blocks,
    hosts,
    wishers: Number(wishers.n),
    cafes: cafes.map((cafe): CafeForOrganisers => {
      const block = blocks.find((candidate) => candidate.id === cafe.sessionId);
      return {
        ...cafe,
        wishes: wishCount.get(cafe.id) ?? 0,
        rounds: (block ? roundsOf(block, settings.roundMinutes) : []).map((round) => ({
          ...round,
          guests: seats
            .filter((seat) => seat.cafeId === cafe.id && seat.roundStartsAt.getTime() === round.startsAt.getTime())
            .map((seat) => ({ registrationId: seat.registrationId, name: `${seat.given_name} ${seat.family_name}`, organisation: seat.organisation })),
        })),
      };
    }),
  };
}

/** Who may host a café: confirmed participants of the edition with a meeting profile, by name. */
async function hostCandidates(db: Kysely<DB>, editionId: number) {
  const rows = await db
    .selectFrom("registration")
    .innerJoin("meeting_profile", "meeting_profile.registration_id", "registration.id")
    .where("registration.edition_id", "=", editionId)
    .where("registration.status", "=", "confirmed")
    .where("registration.anonymised_at", "is", null)
    .select(["registration.id", "registration.given_name", "registration.family_name", "registration.organisation_name"])
    .orderBy("registration.sort_name")
    .execute();
  return rows.map((row) => ({ registrationId: row.id, name: `${row.given_name} ${row.family_name}`, organisation: row.organisation_name }));
}

/** Saves the round length, the mode and the closing of wishes. The round length is kept once seats are taken. */
export async function saveCafeSettings(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { roundMinutes: number; mode: CafeMode; wishesCloseAt: Date | null; now: Date },
): Promise<void> {
  requirePermission(access, "meetings");
  const { roundMinutes, mode, wishesCloseAt } = request;
  if (!Number.isInteger(roundMinutes) || roundMinutes < cafeLimits.roundMin || roundMinutes > cafeLimits.roundMax || !cafeModes.includes(mode)) {
    throw new AppError("cafe_settings_invalid");
  }
  if (mode === "wishes" && wishesCloseAt === null) throw new AppError("cafe_settings_invalid");
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("cafe_settings")
      .values({ edition_id: access.editionId })
      .onConflict((oc) => oc.column("edition_id").doNothing())
      .execute();
    const before = await tx.selectFrom("cafe_settings").where("edition_id", "=", access.editionId).selectAll().forUpdate().executeTakeFirstOrThrow();
    if (before.round_minutes !== roundMinutes) {
      const seat = await tx
        .selectFrom("cafe_seat")
        .innerJoin("cafe", "cafe.id", "cafe_seat.cafe_id")
        .where("cafe.edition_id", "=", access.editionId)
        .select("cafe_seat.cafe_id")
        .limit(1)
        .executeTakeFirst();
      if (seat) throw new AppError("cafe_rounds_locked");
    }
    await tx
      .updateTable("cafe_settings")
      .set({ round_minutes: roundMinutes, mode, wishes_close_at: wishesCloseAt })
      .where("edition_id", "=", access.editionId)
      .execute();
    await recordAudit(
      tx,
      access,
      {
        action: "cafes.settings",
        subjectType: "cafe_settings",
        subjectId: access.editionId,
        before: { roundMinutes: before.round_minutes, mode: before.mode, wishesCloseAt: before.wishes_close_at },
        after: { roundMinutes, mode, wishesCloseAt },
      },
      request.now,
    );
  });
}

export interface CafeFields {
  sessionId: number;
  hostRegistrationId: number;
  topic: Localised;
  language: string;
  table: string;
  seats: number;
}

const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

function checkedFields(fields: CafeFields): CafeFields {
  const topic = { fr: oneLine(fields.topic.fr), en: oneLine(fields.topic.en) };
  const table = oneLine(fields.table);
  if (
    !topic.fr ||
    !topic.en ||
    [...topic.fr].length > cafeLimits.topic ||
    [...topic.en].length > cafeLimits.topic ||
    !table ||
    [...table].length > cafeLimits.table ||
    !(spokenLanguages as readonly string[]).includes(fields.language) ||
    !Number.isInteger(fields.seats) ||
    fields.seats < cafeLimits.seatsMin ||
    fields.seats > cafeLimits.seatsMax
  ) {
    throw new AppError("cafe_fields_invalid");
  }
  return { ...fields, topic, table };
}

/** Checks a café's block and host inside the transaction that writes it; locks the host's registration. */
async function checkPlace(tx: Transaction<DB>, access: BackOfficeAccess, fields: CafeFields, cafeId: number | null) {
  const block = await tx
    .selectFrom("session")
    .where("id", "=", fields.sessionId)
    .where("edition_id", "=", access.editionId)
    .where("kind", "=", "cafe")
    .select(["id", "starts_at as startsAt", "ends_at as endsAt"])
    .executeTakeFirst();
  if (!block) throw new AppError("cafe_session_invalid");
  const host = await tx
    .selectFrom("registration")
    .innerJoin("meeting_profile", "meeting_profile.registration_id", "registration.id")
    .where("registration.id", "=", fields.hostRegistrationId)
    .where("registration.edition_id", "=", access.editionId)
    .where("registration.status", "=", "confirmed")
    .where("registration.anonymised_at", "is", null)
    .select("registration.id")
    .forUpdate("registration")
    .executeTakeFirst();
  if (!host) throw new AppError("cafe_host_invalid");
  // The host keeps their table every round: no other table, nor a seat, in the block.
  const busy = (await busyTimes(tx, access.editionId, [host.id])).filter(
    (time) => (time.kind === "cafe_seat" || time.kind === "cafe_host") && overlaps(time, block),
  );
  const ownTable =
    cafeId === null ? undefined : await tx.selectFrom("cafe").where("id", "=", cafeId).select(["session_id", "host_registration_id"]).executeTakeFirst();
  const keepsOwn = ownTable?.host_registration_id === host.id && ownTable.session_id === block.id;
  if (busy.filter((time) => !(keepsOwn && time.kind === "cafe_host")).length > 0) throw new AppError("cafe_host_busy");
  const taken = await tx
    .selectFrom("cafe")
    .where("session_id", "=", block.id)
    .where("table_label", "=", fields.table)
    .$if(cafeId !== null, (query) => query.where("id", "<>", cafeId ?? 0))
    .select("id")
    .executeTakeFirst();
  if (taken) throw new AppError("cafe_table_taken");
}

async function cafeOf(tx: Transaction<DB>, access: BackOfficeAccess, cafeId: number) {
  const cafe = await tx.selectFrom("cafe").where("id", "=", cafeId).where("edition_id", "=", access.editionId).selectAll().forUpdate().executeTakeFirst();
  if (!cafe) throw new AppError("cafe_not_found");
  return cafe;
}

const auditView = (cafe: { session_id: number; host_registration_id: number; topic: Localised; language: string; table_label: string; seats: number }) => ({
  sessionId: cafe.session_id,
  hostRegistrationId: cafe.host_registration_id,
  topic: cafe.topic,
  language: cafe.language,
  table: cafe.table_label,
  seats: cafe.seats,
});

/** Adds a host's table to a café block of the edition. */
export async function addCafe(db: Kysely<DB>, access: BackOfficeAccess, request: { fields: CafeFields; now: Date }): Promise<number> {
  requirePermission(access, "meetings");
  const fields = checkedFields(request.fields);
  return db.transaction().execute(async (tx) => {
    await checkPlace(tx, access, fields, null);
    const values = {
      session_id: fields.sessionId,
      host_registration_id: fields.hostRegistrationId,
      topic: fields.topic,
      language: fields.language,
      table_label: fields.table,
      seats: fields.seats,
    };
    const { id } = await tx
      .insertInto("cafe")
      .values({ ...values, edition_id: access.editionId, topic: JSON.stringify(fields.topic), created_at: request.now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(tx, access, { action: "cafes.add", subjectType: "cafe", subjectId: id, after: auditView(values) }, request.now);
    return id;
  });
}

/** Changes a café; its seats cannot fall below the guests of any round, and a café changing block loses its guests' seats only if it has none. */
export async function updateCafe(db: Kysely<DB>, access: BackOfficeAccess, request: { cafeId: number; fields: CafeFields; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  const fields = checkedFields(request.fields);
  await db.transaction().execute(async (tx) => {
    const before = await cafeOf(tx, access, request.cafeId);
    await checkPlace(tx, access, fields, before.id);
    const rounds = await tx
      .selectFrom("cafe_seat")
      .where("cafe_id", "=", before.id)
      .groupBy("round_starts_at")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .execute();
    const most = Math.max(0, ...rounds.map((row) => Number(row.n)));
    if (fields.seats < most || (fields.sessionId !== before.session_id && most > 0)) throw new AppError("cafe_seats_below_booked");
    await tx
      .updateTable("cafe")
      .set({
        session_id: fields.sessionId,
        host_registration_id: fields.hostRegistrationId,
        topic: JSON.stringify(fields.topic),
        language: fields.language,
        table_label: fields.table,
        seats: fields.seats,
      })
      .where("id", "=", before.id)
      .execute();
    await recordAudit(
      tx,
      access,
      {
        action: "cafes.update",
        subjectType: "cafe",
        subjectId: before.id,
        before: auditView(before),
        after: auditView({
          session_id: fields.sessionId,
          host_registration_id: fields.hostRegistrationId,
          topic: fields.topic,
          language: fields.language,
          table_label: fields.table,
          seats: fields.seats,
        }),
      },
      request.now,
    );
  });
}

/** Deletes a café with its seats and wishes; the audit log keeps how many guests it had. */
export async function deleteCafe(db: Kysely<DB>, access: BackOfficeAccess, request: { cafeId: number; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  await db.transaction().execute(async (tx) => {
    const cafe = await cafeOf(tx, access, request.cafeId);
    const seats = await tx
      .selectFrom("cafe_seat")
      .where("cafe_id", "=", cafe.id)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    await tx.deleteFrom("cafe").where("id", "=", cafe.id).execute();
    await recordAudit(
      tx,
      access,
      { action: "cafes.delete", subjectType: "cafe", subjectId: cafe.id, before: { ...auditView(cafe), seats: Number(seats.n) } },
      request.now,
    );
  });
}

export interface CafeAllocation {
  seed: string;
  seats: { registrationId: number; cafeId: number; roundStartsAt: Date; rank: number }[];
}

/**
 * Allocates the wishes once they are closed, as the workshops' wishes are (allocateInTurns):
 * everyone's first wish before anyone's second; within one rank, in a draw order whose seed is
 * published. A wish is granted in the earliest round of its café with a free seat in which the
 * person is free (no table hosted, no other café seat, workshop seat or meeting then); each table
 * once per person. Everyone who wished is told by e-mail, in their language. Seats left are then
 * booked first come, first served.
 */
export async function allocateCafeWishes(db: Kysely<DB>, access: BackOfficeAccess, request: { now: Date; publicUrl: string }): Promise<CafeAllocation> {
  requirePermission(access, "meetings");
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto("cafe_settings")
      .values({ edition_id: access.editionId })
      .onConflict((oc) => oc.column("edition_id").doNothing())
      .execute();
    await tx.selectFrom("cafe_settings").where("edition_id", "=", access.editionId).select("edition_id").forUpdate().execute();
    const settings = await readCafeSettings(tx, access.editionId);
    if (settings.mode !== "wishes") throw new AppError("cafe_not_wishes_mode");
    if (settings.allocatedAt) throw new AppError("cafe_already_allocated");
    if (settings.wishesCloseAt === null || request.now < settings.wishesCloseAt) throw new AppError("cafe_wishes_still_open");

    const cafes = await cafesQuery(tx, access.editionId).execute();
    const blocks = await cafeBlocks(tx, access.editionId);
    const wishes = await tx
      .selectFrom("cafe_wish")
      .innerJoin("registration", "registration.id", "cafe_wish.registration_id")
      .innerJoin("cafe", "cafe.id", "cafe_wish.cafe_id")
      .where("cafe.edition_id", "=", access.editionId)
      .where("registration.status", "=", "confirmed")
      .where("registration.anonymised_at", "is", null)
      .select(["cafe_wish.registration_id as registrationId", "cafe_wish.cafe_id as cafeId", "cafe_wish.rank"])
      .orderBy("cafe_wish.registration_id")
      .orderBy("cafe_wish.rank")
      .execute();
    const people = [...new Set(wishes.map((wish) => wish.registrationId))];
    // The people who wished, then the cafés, locked in one order: bookings lock them the same way.
    if (people.length > 0) await tx.selectFrom("registration").where("id", "in", people).select("id").orderBy("id").forUpdate().execute();
    if (cafes.length > 0)
      await tx
        .selectFrom("cafe")
        .where(
          "id",
          "in",
          cafes.map((cafe) => cafe.id),
        )
        .select("id")
        .orderBy("id")
        .forUpdate()
        .execute();
    const busy = await busyTimes(tx, access.editionId, people);
    const seats = await listSeats(tx, access.editionId);
    const free = new Map<string, number>();
    const roundsByCafe = new Map<number, Round[]>();
    for (const cafe of cafes) {
      const block = blocks.find((candidate) => candidate.id === cafe.sessionId);
      const rounds = block ? roundsOf(block, settings.roundMinutes).filter((round) => round.startsAt > request.now) : [];
      roundsByCafe.set(cafe.id, rounds);
      for (const round of rounds) {
        const key = roundKey(cafe.id, round.startsAt);
        free.set(key, cafe.seats - seats.filter((seat) => roundKey(seat.cafeId, seat.roundStartsAt) === key).length);
      }
    }
    const held = new Map<number, BusyTime[]>(people.map((id) => [id, busy.filter((time) => time.registrationId === id)]));
    const atTable = new Set(seats.map((seat) => `${seat.registrationId}:${seat.cafeId}`));
    const seed = randomBytes(12).toString("base64url");
    const order = drawOrder(seed, people);
    const result: CafeAllocation = { seed, seats: [] };
    allocateInTurns(order, wishes, (wish) => {
      if (atTable.has(`${wish.registrationId}:${wish.cafeId}`)) return false;
      const mine = held.get(wish.registrationId) ?? [];
      const round = (roundsByCafe.get(wish.cafeId) ?? []).find(
        (candidate) => (free.get(roundKey(wish.cafeId, candidate.startsAt)) ?? 0) > 0 && !clashOf(mine, candidate),
      );
      if (!round) return false;
      free.set(roundKey(wish.cafeId, round.startsAt), (free.get(roundKey(wish.cafeId, round.startsAt)) ?? 0) - 1);
      mine.push({ registrationId: wish.registrationId, startsAt: round.startsAt, endsAt: round.endsAt, kind: "cafe_seat" });
      held.set(wish.registrationId, mine);
      atTable.add(`${wish.registrationId}:${wish.cafeId}`);
      result.seats.push({ registrationId: wish.registrationId, cafeId: wish.cafeId, roundStartsAt: round.startsAt, rank: wish.rank });
      return true;
    });
    if (result.seats.length > 0) {
      await tx
        .insertInto("cafe_seat")
        .values(
          result.seats.map((seat) => ({
            cafe_id: seat.cafeId,
            round_starts_at: seat.roundStartsAt,
            round_ends_at:
              roundsByCafe.get(seat.cafeId)?.find((round) => round.startsAt.getTime() === seat.roundStartsAt.getTime())?.endsAt ?? seat.roundStartsAt,
            registration_id: seat.registrationId,
            created_at: request.now,
          })),
        )
        .execute();
    }
    await tx.updateTable("cafe_settings").set({ allocated_at: request.now, seed }).where("edition_id", "=", access.editionId).execute();
    await recordAudit(
      tx,
      access,
      {
        action: "cafes.allocate",
        subjectType: "cafe_settings",
        subjectId: access.editionId,
        after: { seed, people: people.length, seats: result.seats.length },
      },
      request.now,
    );
    await allocationMails(tx, access.editionId, order, result, cafes, request.publicUrl);
    return result;
  });
}

/** Tells each person who wished what they got, in their language. */
async function allocationMails(
  tx: Transaction<DB>,
  editionId: number,
  people: number[],
  result: CafeAllocation,
  cafes: Awaited<ReturnType<ReturnType<typeof cafesQuery>["execute"]>>,
  publicUrl: string,
) {
  if (people.length === 0) return;
  const edition = await tx.selectFrom("edition").where("id", "=", editionId).select(["year", "time_zone"]).executeTakeFirstOrThrow();
  const recipients = await tx
    .selectFrom("registration")
    .innerJoin("person", "person.id", "registration.person_id")
    .where("registration.id", "in", people)
    .select(["registration.id", "registration.email", "registration.given_name", "person.language"])
    .orderBy("registration.id")
    .execute();
  for (const person of recipients) {
    const language: Language = isLanguage(person.language) ? person.language : "fr";
    const t = (key: Parameters<typeof translate>[1], values?: Record<string, string>) => translate(language, key, values);
    const lines = result.seats
      .filter((seat) => seat.registrationId === person.id)
      .sort((a, b) => a.roundStartsAt.getTime() - b.roundStartsAt.getTime())
      .map((seat) => {
        const cafe = cafes.find((candidate) => candidate.id === seat.cafeId);
        return t("cafes.mail.seat", {
          time: formatTime(seat.roundStartsAt, language, edition.time_zone),
          table: inertText(cafe?.table ?? ""),
          topic: inertText(cafe ? localisedString(cafe.topic, language) : "", 200),
          host: inertText(cafe ? `${cafe.given_name} ${cafe.family_name}` : ""),
        });
      });
    const mail = composeMail({
      language,
      subject: t("cafes.mail.subject", { year: String(edition.year) }),
      paragraphs: [
        t("cafes.mail.greeting", { name: inertText(person.given_name) }),
        ...(lines.length > 0 ? lines : [t("cafes.mail.none")]),
        t("cafes.mail.seed", { seed: result.seed }),
      ],
      action: { label: t("cafes.mail.action"), url: publicUrl + paths.cafes(language, edition.year) },
    });
    await enqueueMail(tx, { to: person.email, language, ...mail });
  }
}
