import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import { saveOwnProfile } from "~/features/meetings/profiles.server";
import { getProgramme } from "~/features/programme/programme.server";
import { register } from "~/features/registration/registration.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, personFields, registrationRequest, signedInOrganiser } from "~/test/factories";
import { cafeSeatTimes } from "./busy.server";
import {
  addCafe,
  allocateCafeWishes,
  bookCafeSeat,
  cafesForOrganisers,
  cafesPage,
  cancelCafeSeat,
  deleteCafe,
  saveCafeSettings,
  saveCafeWishes,
  updateCafe,
} from "./cafes.server";

const now = new Date("2026-05-01T10:00:00Z");
// The café block of each test edition: 14:30–15:30 Paris time, two rounds of 30 minutes.
const round1 = new Date("2026-07-09T12:30:00Z");
const round2 = new Date("2026-07-09T13:00:00Z");

describe.each(databaseKinds)("cafés on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => database().db;

  interface Someone {
    personId: number;
    registrationId: number;
  }

  /** A new edition with a café block, and an organiser of it. */
  async function edition() {
    const editionId = await createEdition(db());
    const { year } = await db().selectFrom("edition").where("id", "=", editionId).select("year").executeTakeFirstOrThrow();
    const day = await db().insertInto("edition_day").values({ edition_id: editionId, day: "2026-07-09" }).returning("id").executeTakeFirstOrThrow();
    const block = await db()
      .insertInto("session")
      .values({
        edition_id: editionId,
        day_id: day.id,
        starts_at: "2026-07-09T14:30:00+02:00",
        ends_at: "2026-07-09T15:30:00+02:00",
        kind: "cafe",
        title: JSON.stringify({ fr: "Cafés des Rencontres", en: "Cafés des Rencontres" }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { access } = await signedInOrganiser(db(), year, now);
    return { editionId, year, dayId: day.id, blockId: block.id, access };
  }
  type Edition = Awaited<ReturnType<typeof edition>>;

  async function participant(
    editionId: number,
    family: string,
    options: { profile?: boolean; status?: "confirmed" | "pending"; language?: "fr" | "en" } = {},
  ): Promise<Someone> {
    const person = await createPerson(db(), { language: options.language ?? "fr" });
    const { id } = await register(db(), registrationRequest(editionId, person, { fields: personFields({ email: person.email, family_name: family }) }));
    await db()
      .updateTable("registration")
      .set({ status: options.status ?? "confirmed" })
      .where("id", "=", id)
      .execute();
    if (options.profile) {
      await saveOwnProfile(db(), {
        editionId,
        personId: person.id,
        fields: { region: "", offer: "", seek: "", themeIds: [], countries: [], maxMeetings: null, unavailableBlockIds: [] },
        publish: true,
        consentText: "I agree",
        language: "fr",
        now,
      });
    }
    return { personId: person.id, registrationId: id };
  }

  async function cafe(e: Edition, table: string, seats = 6, host?: Someone) {
    const keeper = host ?? (await participant(e.editionId, `Hôte ${table}`, { profile: true }));
    const id = await addCafe(db(), e.access, {
      fields: {
        sessionId: e.blockId,
        hostRegistrationId: keeper.registrationId,
        topic: { fr: `Sujet ${table}`, en: `Topic ${table}` },
        language: "fr",
        table,
        seats,
      },
      now,
    });
    return { id, host: keeper };
  }

  const book = (e: Edition, who: Someone, cafeId: number, roundStartsAt = round1) =>
    bookCafeSeat(db(), { editionId: e.editionId, personId: who.personId, cafeId, roundStartsAt, now });

  it("lets organisers add, edit and delete tables, audit-logged; hosts are confirmed participants with a profile; partners may not", async () => {
    const e = await edition();
    const host = await participant(e.editionId, "Hôte", { profile: true });
    const { id } = await cafe(e, "A", 4, host);
    const noProfile = await participant(e.editionId, "Sans profil");
    const fields = {
      sessionId: e.blockId,
      hostRegistrationId: noProfile.registrationId,
      topic: { fr: "Eau", en: "Water" },
      language: "es",
      table: "B",
      seats: 4,
    };
    await expect(addCafe(db(), e.access, { fields, now })).rejects.toMatchObject({ code: "cafe_host_invalid" });
    const pending = await participant(e.editionId, "En attente", { profile: true });
    await db().updateTable("registration").set({ status: "pending" }).where("id", "=", pending.registrationId).execute();
    await expect(addCafe(db(), e.access, { fields: { ...fields, hostRegistrationId: pending.registrationId }, now })).rejects.toMatchObject({
      code: "cafe_host_invalid",
    });
    // The same host keeps one table per block.
    await expect(addCafe(db(), e.access, { fields: { ...fields, hostRegistrationId: host.registrationId }, now })).rejects.toMatchObject({
      code: "cafe_host_busy",
    });
    await expect(addCafe(db(), e.access, { fields: { ...fields, seats: 21 }, now })).rejects.toMatchObject({ code: "cafe_fields_invalid" });
    await expect(addCafe(db(), e.access, { fields: { ...fields, language: "xx" }, now })).rejects.toMatchObject({ code: "cafe_fields_invalid" });
    const workshop = await db()
      .insertInto("session")
      .values({ edition_id: e.editionId, day_id: e.dayId, starts_at: round1, ends_at: round2, kind: "plenary", title: JSON.stringify({ fr: "P", en: "P" }) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const other = await participant(e.editionId, "Autre", { profile: true });
    await expect(
      addCafe(db(), e.access, { fields: { ...fields, hostRegistrationId: other.registrationId, sessionId: workshop.id }, now }),
    ).rejects.toMatchObject({
      code: "cafe_session_invalid",
    });
    await updateCafe(db(), e.access, { cafeId: id, fields: { ...fields, hostRegistrationId: host.registrationId, table: "A1", seats: 5 }, now });
    const overview = await cafesForOrganisers(db(), e.access);
    expect(overview.cafes.map((c) => [c.table, c.topic.en, c.language, c.seats, c.rounds.length])).toEqual([["A1", "Water", "es", 5, 2]]);
    expect(overview.hosts.map((h) => h.registrationId)).toEqual(expect.arrayContaining([host.registrationId, other.registrationId]));
    expect(overview.hosts.map((h) => h.registrationId)).not.toContain(noProfile.registrationId);

    const partner = await signedInOrganiser(db(), e.year, now, "partner");
    await expect(addCafe(db(), partner.access, { fields: { ...fields, hostRegistrationId: other.registrationId }, now })).rejects.toMatchObject({
      code: "not_staff",
    });
    await expect(cafesForOrganisers(db(), partner.access)).rejects.toMatchObject({ code: "not_staff" });
    await expect(deleteCafe(db(), partner.access, { cafeId: id, now })).rejects.toMatchObject({ code: "not_staff" });
    await expect(saveCafeSettings(db(), partner.access, { roundMinutes: 20, mode: "booking", wishesCloseAt: null, now })).rejects.toMatchObject({
      code: "not_staff",
    });
    await expect(allocateCafeWishes(db(), partner.access, { now, publicUrl: "https://x.example" })).rejects.toMatchObject({ code: "not_staff" });

    await deleteCafe(db(), e.access, { cafeId: id, now });
    const log = await db()
      .selectFrom("audit_log")
      .where("edition_id", "=", e.editionId)
      .where("action", "like", "cafes.%")
      .select("action")
      .orderBy("id")
      .execute();
    expect(log.map((row) => row.action)).toEqual(["cafes.add", "cafes.update", "cafes.delete"]);
    // Another edition's organiser does not find it either.
    const elsewhere = await edition();
    const { id: kept } = await cafe(e, "K");
    await expect(deleteCafe(db(), elsewhere.access, { cafeId: kept, now })).rejects.toMatchObject({ code: "cafe_not_found" });
  });

  it("books a seat per round, shows seats left, refuses a full table, and gives a seat up", async () => {
    const e = await edition();
    const { id, host } = await cafe(e, "A", 1);
    const ana = await participant(e.editionId, "Ana");
    const bob = await participant(e.editionId, "Bob");
    await book(e, ana, id);
    await expect(book(e, bob, id)).rejects.toMatchObject({ code: "cafe_full" });
    await book(e, bob, id, round2);
    const page = await cafesPage(db(), { editionId: e.editionId, personId: ana.personId, now });
    expect(page.blocks[0]?.rounds.map((round) => round.cafes.map((c) => [c.table, c.left, c.mine]))).toEqual([[["A", 0, true]], [["A", 0, false]]]);
    // The host sees who comes, round by round.
    const hosting = await cafesPage(db(), { editionId: e.editionId, personId: host.personId, now });
    expect(hosting.hosting[0]?.rounds.map((round) => round.guests.map((guest) => guest.name))).toEqual([["Camille Ana"], ["Camille Bob"]]);
    expect(hosting.hosting[0]?.rounds[0]?.guests[0]).toMatchObject({ organisation: "Ville de Montpellier", languages: ["fr", "en"] });
    // A round that is not one of the block's, and a seat of someone else, are not found.
    await expect(book(e, bob, id, new Date("2026-07-09T12:45:00Z"))).rejects.toMatchObject({ code: "cafe_round_not_found" });
    await expect(cancelCafeSeat(db(), { editionId: e.editionId, personId: bob.personId, cafeId: id, roundStartsAt: round1, now })).rejects.toMatchObject({
      code: "cafe_seat_not_found",
    });
    await cancelCafeSeat(db(), { editionId: e.editionId, personId: ana.personId, cafeId: id, roundStartsAt: round1, now });
    await book(e, bob, id);
    const carla = await participant(e.editionId, "Carla");
    await expect(book(e, carla, id)).rejects.toMatchObject({ code: "cafe_full" });
    // A round that has started takes no booking.
    await expect(bookCafeSeat(db(), { editionId: e.editionId, personId: ana.personId, cafeId: id, roundStartsAt: round2, now: round2 })).rejects.toMatchObject({
      code: "cafe_round_started",
    });
  });

  it("refuses a seat that clashes with a workshop seat, a B2B meeting, another café seat or one's own table", async () => {
    const e = await edition();
    const a = await cafe(e, "A");
    const b = await cafe(e, "B");
    const person = await participant(e.editionId, "Occupé");

    // Another café seat at the same time; the other round is free.
    await book(e, person, a.id, round1);
    await expect(book(e, person, b.id, round1)).rejects.toMatchObject({ code: "cafe_clash_cafe" });
    await book(e, person, b.id, round2);

    // A confirmed workshop seat overlapping the first round.
    const worker = await participant(e.editionId, "Atelier");
    const workshop = await db()
      .insertInto("session")
      .values({
        edition_id: e.editionId,
        day_id: e.dayId,
        starts_at: "2026-07-09T14:00:00+02:00",
        ends_at: "2026-07-09T14:45:00+02:00",
        kind: "workshop_thematic",
        title: JSON.stringify({ fr: "Atelier", en: "Workshop" }),
        capacity: 10,
        requires_signup: true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db().insertInto("session_signup").values({ session_id: workshop.id, registration_id: worker.registrationId, status: "confirmed" }).execute();
    await expect(book(e, worker, a.id, round1)).rejects.toMatchObject({ code: "cafe_clash_workshop" });
    await book(e, worker, a.id, round2);
    // A waitlisted place is no clash.
    const waiting = await participant(e.editionId, "Attente");
    await db()
      .insertInto("session_signup")
      .values({ session_id: workshop.id, registration_id: waiting.registrationId, status: "waitlisted", waitlisted_at: now })
      .execute();
    await book(e, waiting, a.id, round1);

    // A B2B meeting placed during the second round.
    const meeter = await participant(e.editionId, "Rendez-vous");
    const partner = await participant(e.editionId, "Partenaire");
    const slot = await db()
      .insertInto("meeting_slot")
      .values({ edition_id: e.editionId, session_id: e.blockId, starts_at: new Date("2026-07-09T13:10:00Z"), ends_at: new Date("2026-07-09T13:30:00Z") })
      .returning("id")
      .executeTakeFirstOrThrow();
    const table = await db()
      .insertInto("meeting_table")
      .values({ edition_id: e.editionId, label: "T1", seats: 4, position: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const request = await db()
      .insertInto("meeting_request")
      .values({
        edition_id: e.editionId,
        requester_registration_id: meeter.registrationId,
        invitee_registration_id: partner.registrationId,
        priority: "must",
        status: "accepted",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const meeting = await db()
      .insertInto("meeting")
      .values({ edition_id: e.editionId, request_id: request.id, slot_id: slot.id, table_id: table.id, placed_by: "organiser" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db()
      .insertInto("meeting_attendee")
      .values([
        { meeting_id: meeting.id, registration_id: meeter.registrationId, slot_id: slot.id },
        { meeting_id: meeting.id, registration_id: partner.registrationId, slot_id: slot.id },
      ])
      .execute();
    await expect(book(e, meeter, b.id, round2)).rejects.toMatchObject({ code: "cafe_clash_meeting" });
    await book(e, meeter, b.id, round1);

    // A host keeps their table every round of the block.
    await expect(book(e, a.host, b.id, round1)).rejects.toMatchObject({ code: "cafe_own_round" });
    await expect(book(e, a.host, a.id, round2)).rejects.toMatchObject({ code: "cafe_own_round" });

    // What the meetings board reads: café seats and hosting, not workshops or meetings.
    const times = await cafeSeatTimes(db(), e.editionId, [person.registrationId, a.host.registrationId, meeter.registrationId, worker.registrationId]);
    expect(times.filter((time) => time.registrationId === person.registrationId).map((time) => time.startsAt)).toEqual([round1, round2]);
    expect(times.filter((time) => time.registrationId === a.host.registrationId)).toEqual([
      { registrationId: a.host.registrationId, startsAt: round1, endsAt: new Date("2026-07-09T13:30:00Z") },
    ]);
    expect(times.filter((time) => time.registrationId === meeter.registrationId).map((time) => time.startsAt)).toEqual([round1]);
    expect(times.filter((time) => time.registrationId === worker.registrationId).map((time) => time.startsAt)).toEqual([round2]);
    expect(await cafeSeatTimes(db(), e.editionId, [])).toEqual([]);
  });

  it("refuses an unconfirmed registration and another edition's café as not found; a cancelled registration gives its seats up", async () => {
    const e = await edition();
    const { id } = await cafe(e, "A", 2);
    const pending = await participant(e.editionId, "En attente", { status: "pending" });
    await expect(book(e, pending, id)).rejects.toMatchObject({ code: "cafe_not_participant" });
    await expect(cafesPage(db(), { editionId: e.editionId, personId: pending.personId, now })).rejects.toMatchObject({ code: "cafe_not_participant" });

    const other = await edition();
    const foreign = await cafe(other, "F");
    const person = await participant(e.editionId, "Ici");
    await expect(book(e, person, foreign.id)).rejects.toMatchObject({ code: "cafe_not_found" });
    await expect(book(e, person, 999_999)).rejects.toMatchObject({ code: "cafe_not_found" });

    // A host who cancels takes their table off the lists.
    const { id: second, host } = await cafe(e, "B");
    await book(e, person, id);
    await db().updateTable("registration").set({ status: "cancelled" }).where("id", "=", host.registrationId).execute();
    await expect(book(e, person, second, round2)).rejects.toMatchObject({ code: "cafe_not_found" });
    const programme = await getProgramme(db(), e.editionId);
    expect(programme.flatMap((day) => day.blocks.flatMap((block) => block.sessions.flatMap((session) => session.cafes.map((c) => c.table))))).toEqual(["A"]);
  });

  it("gives exactly the seats a table has to bookings arriving at once, and one seat per round to one person booking twice at once", async () => {
    const e = await edition();
    const { id } = await cafe(e, "A", 3);
    const people = await Promise.all(Array.from({ length: 20 }, (_, n) => participant(e.editionId, `Foule ${n}`)));
    const results = await Promise.allSettled(people.map((person) => book(e, person, id)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    const refusals = results
      .filter((result): result is PromiseRejectedResult => result.status === "rejected")
      .map((result) => (result.reason as { code?: string }).code);
    expect(new Set(refusals)).toEqual(new Set(["cafe_full"]));
    const seats = await db().selectFrom("cafe_seat").where("cafe_id", "=", id).select("registration_id").execute();
    expect(seats).toHaveLength(3);

    const b = await cafe(e, "B");
    const c = await cafe(e, "C");
    const hurried = await participant(e.editionId, "Pressé");
    const twice = await Promise.allSettled([book(e, hurried, b.id, round2), book(e, hurried, c.id, round2)]);
    expect(twice.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(twice.find((result): result is PromiseRejectedResult => result.status === "rejected")?.reason).toMatchObject({ code: "cafe_clash_cafe" });
  });

  it("takes ranked wishes until they close, then allocates them fairly without clashes and tells each person in their language", async () => {
    const e = await edition();
    const close = new Date("2026-06-01T10:00:00Z");
    await saveCafeSettings(db(), e.access, { roundMinutes: 30, mode: "wishes", wishesCloseAt: close, now });
    const x = await cafe(e, "X", 1);
    const y = await cafe(e, "Y", 2);
    const people = [
      await participant(e.editionId, "Un", { language: "fr" }),
      await participant(e.editionId, "Deux", { language: "en" }),
      await participant(e.editionId, "Trois"),
    ];
    for (const person of people) await saveCafeWishes(db(), { editionId: e.editionId, personId: person.personId, cafeIds: [x.id, y.id], now });
    await expect(saveCafeWishes(db(), { editionId: e.editionId, personId: people[0]!.personId, cafeIds: [x.id, x.id], now })).rejects.toMatchObject({
      code: "cafe_wish_ranks_repeated",
    });
    await expect(book(e, people[0]!, x.id)).rejects.toMatchObject({ code: "cafe_booking_by_wishes" });
    await expect(allocateCafeWishes(db(), e.access, { now, publicUrl: "https://rencontres.example.org" })).rejects.toMatchObject({
      code: "cafe_wishes_still_open",
    });
    await expect(saveCafeWishes(db(), { editionId: e.editionId, personId: people[0]!.personId, cafeIds: [y.id], now: close })).rejects.toMatchObject({
      code: "cafe_wishes_closed",
    });

    const after = new Date("2026-06-02T10:00:00Z");
    const result = await allocateCafeWishes(db(), e.access, { now: after, publicUrl: "https://rencontres.example.org" });
    // X has one seat in each of two rounds: two first wishes are granted, the third person's is not.
    const firsts = result.seats.filter((seat) => seat.cafeId === x.id);
    expect(firsts).toHaveLength(2);
    expect(firsts.every((seat) => seat.rank === 1)).toBe(true);
    // Everyone then gets their second wish, Y, in a round they are free.
    for (const person of people) {
      const mine = result.seats.filter((seat) => seat.registrationId === person.registrationId);
      expect(mine.some((seat) => seat.cafeId === y.id)).toBe(true);
      expect(new Set(mine.map((seat) => seat.roundStartsAt.getTime())).size).toBe(mine.length);
    }
    const stored = await db().selectFrom("cafe_seat").where("cafe_id", "in", [x.id, y.id]).selectAll().execute();
    expect(stored).toHaveLength(result.seats.length);
    await expect(allocateCafeWishes(db(), e.access, { now: after, publicUrl: "https://rencontres.example.org" })).rejects.toMatchObject({
      code: "cafe_already_allocated",
    });

    const mails = await db()
      .selectFrom("mail_outbox")
      .innerJoin("registration", "registration.email", "mail_outbox.to_address")
      .where(
        "registration.id",
        "in",
        people.map((person) => person.registrationId),
      )
      .where("mail_outbox.subject", "like", "%Cafés des Rencontres%")
      .select(["registration.id", "mail_outbox.language", "mail_outbox.subject", "mail_outbox.text_body"])
      .execute();
    expect(mails).toHaveLength(3);
    expect(mails.find((mail) => mail.id === people[1]!.registrationId)?.subject).toBe(`Your seats at the Cafés des Rencontres ${e.year}`);
    expect(mails.find((mail) => mail.id === people[0]!.registrationId)?.subject).toBe(`Vos places aux Cafés des Rencontres ${e.year}`);
    expect(mails.every((mail) => mail.text_body.includes(result.seed))).toBe(true);

    // Seats left are then booked first come, first served.
    const late = await participant(e.editionId, "Tard");
    const free = await cafesPage(db(), { editionId: e.editionId, personId: late.personId, now: after });
    const open = free.blocks[0]!.rounds.flatMap((round) =>
      round.cafes.filter((c) => c.left > 0).map((c) => ({ cafeId: c.id, round: new Date(round.startsAt) })),
    );
    expect(free.bookingOpen).toBe(true);
    if (open[0])
      await bookCafeSeat(db(), { editionId: e.editionId, personId: late.personId, cafeId: open[0].cafeId, roundStartsAt: open[0].round, now: after });
    // The round length no longer changes once seats are taken.
    await expect(saveCafeSettings(db(), e.access, { roundMinutes: 20, mode: "wishes", wishesCloseAt: close, now: after })).rejects.toMatchObject({
      code: "cafe_rounds_locked",
    });
  });

  it("keeps a wished person out of a round in which a workshop holds them", async () => {
    const e = await edition();
    await saveCafeSettings(db(), e.access, { roundMinutes: 30, mode: "wishes", wishesCloseAt: new Date("2026-06-01T10:00:00Z"), now });
    const x = await cafe(e, "X", 5);
    const person = await participant(e.editionId, "Atelier");
    const workshop = await db()
      .insertInto("session")
      .values({
        edition_id: e.editionId,
        day_id: e.dayId,
        starts_at: round1,
        ends_at: round2,
        kind: "workshop_thematic",
        title: JSON.stringify({ fr: "Atelier", en: "Workshop" }),
        capacity: 10,
        requires_signup: true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db().insertInto("session_signup").values({ session_id: workshop.id, registration_id: person.registrationId, status: "confirmed" }).execute();
    await saveCafeWishes(db(), { editionId: e.editionId, personId: person.personId, cafeIds: [x.id], now });
    const result = await allocateCafeWishes(db(), e.access, { now: new Date("2026-06-02T10:00:00Z"), publicUrl: "https://rencontres.example.org" });
    expect(result.seats).toEqual([{ registrationId: person.registrationId, cafeId: x.id, roundStartsAt: round2, rank: 1 }]);
  });

  it("lists the tables with their host under the café block of the public programme", async () => {
    const e = await edition();
    const host = await participant(e.editionId, "Lefèvre", { profile: true });
    await cafe(e, "Table 1", 6, host);
    const programme = await getProgramme(db(), e.editionId);
    const block = programme[0]?.blocks.find((candidate) => candidate.sessions.some((session) => session.kind === "cafe"));
    expect(block?.sessions[0]?.cafes).toEqual([
      expect.objectContaining({
        table: "Table 1",
        topic: { fr: "Sujet Table 1", en: "Topic Table 1" },
        host: { name: "Camille Lefèvre", organisation: "Ville de Montpellier" },
      }),
    ]);
  });
});
