import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, createWorkshop, registrationRequest, signedInOrganiser } from "~/test/factories";
import { decideOnRegistration, register } from "./registration.server";
import { cancelSignup, signUp } from "./signups.server";
import { allocateWishes, drawOrder, listWishRounds, openWishRound, submitWishes, wishRoundCandidates } from "./wishes.server";

const during = new Date("2026-05-05T10:00:00Z");
const after = new Date("2026-05-20T10:00:00Z");
const publicUrl = "https://rencontres.example.org";

describe("draw order", () => {
  it("depends only on the seed and the ids, so that anyone can check it", () => {
    const ids = [5, 1, 9, 3, 7];
    expect(drawOrder("2026-seed", ids)).toEqual(drawOrder("2026-seed", [...ids].reverse()));
    expect(drawOrder("2026-seed", ids)).not.toEqual(drawOrder("another seed", ids));
    expect([...drawOrder("2026-seed", ids)].sort()).toEqual([...ids].sort());
  });
});

describe.each(databaseKinds)("ranked wishes on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  const organiser = async () => (await signedInOrganiser(db(), 2026)).access;

  async function round(capacities: number[]) {
    const edition = await getEdition(db(), 2026);
    const { id: roundId } = await db()
      .insertInto("wish_round")
      .values({ edition_id: edition.id, opens_at: "2026-05-01T00:00:00Z", closes_at: "2026-05-15T00:00:00Z", seed: `seed-${Math.random()}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    const sessionIds = [];
    for (const [index, capacity] of capacities.entries()) {
      sessionIds.push(await createWorkshop(db(), { day: "2026-07-08", start: "14:30", end: "16:00", capacity, title: String(index), wishRoundId: roundId }));
    }
    return { roundId, sessionIds };
  }

  async function participant() {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db());
    const { id } = await register(db(), registrationRequest(edition.id, person));
    return { personId: person.id, registrationId: id };
  }

  it("serves everyone's first wish before anyone's second, and waitlists who gets nothing", async () => {
    const { roundId, sessionIds } = await round([2, 1]);
    const [popular = 0, other = 0] = sessionIds;
    const people = [await participant(), await participant(), await participant(), await participant()];
    // Everyone wants the popular workshop first; the last person wants only it.
    for (const p of people.slice(0, 3)) await submitWishes(db(), { ...p, roundId, sessionIds: [popular, other], now: during });
    await submitWishes(db(), { ...people[3]!, roundId, sessionIds: [popular], now: during });

    const allocation = await allocateWishes(db(), await organiser(), { roundId, now: after, publicUrl });
    const firstWishes = allocation.seats.filter((seat) => seat.rank === 1);
    expect(firstWishes).toHaveLength(2);
    expect(firstWishes.every((seat) => seat.sessionId === popular)).toBe(true);
    expect(allocation.seats.filter((seat) => seat.rank === 2)).toEqual([expect.objectContaining({ sessionId: other })]);
    expect(allocation.waitlisted).toHaveLength(1);
    // Nobody holds two sessions at the same time.
    const holders = allocation.seats.map((seat) => seat.registrationId);
    expect(new Set(holders).size).toBe(holders.length);
    const mails = await db().selectFrom("mail_outbox").where("subject", "=", "Vos places en atelier").select("text_body").execute();
    expect(mails.length).toBeGreaterThanOrEqual(4);
  });

  it("names in its e-mails a session not yet translated into French by its English title", async () => {
    const { roundId, sessionIds } = await round([1]);
    const [workshop = 0] = sessionIds;
    await db().updateTable("session").set({ title: JSON.stringify({ fr: "", en: "Workshop in English only" }) }).where("id", "=", workshop).execute();
    const seated = await participant();
    const waiting = await participant();
    await submitWishes(db(), { ...seated, roundId, sessionIds: [workshop], now: during });
    await submitWishes(db(), { ...waiting, roundId, sessionIds: [workshop], now: during });

    const allocation = await allocateWishes(db(), await organiser(), { roundId, now: after, publicUrl });
    const mailTo = async (registrationId: number) => {
      const { email } = await db().selectFrom("registration").where("id", "=", registrationId).select("email").executeTakeFirstOrThrow();
      const mail = await db().selectFrom("mail_outbox").where("to_address", "=", email).where("subject", "=", "Vos places en atelier").select("text_body").executeTakeFirstOrThrow();
      return mail.text_body;
    };
    const [seat] = allocation.seats;
    expect(await mailTo(seat!.registrationId)).toContain("Vous avez une place à «\u202fWorkshop in English only\u202f» (votre vœu n° 1).");
    const waitlisted = seat!.registrationId === seated.registrationId ? waiting : seated;
    expect(await mailTo(waitlisted.registrationId)).toContain("liste d'attente de «\u202fWorkshop in English only\u202f»");
  });

  it("accepts wishes only while the round is open, and allocates once, after it closes", async () => {
    const { roundId, sessionIds } = await round([5]);
    const p = await participant();
    await expect(submitWishes(db(), { ...p, roundId, sessionIds, now: after })).rejects.toMatchObject({ code: "wish_round_not_open" });
    await submitWishes(db(), { ...p, roundId, sessionIds, now: during });
    await expect(allocateWishes(db(), await organiser(), { roundId, now: during, publicUrl })).rejects.toMatchObject({ code: "round_not_closed" });
    await allocateWishes(db(), await organiser(), { roundId, now: after, publicUrl });
    await expect(allocateWishes(db(), await organiser(), { roundId, now: after, publicUrl })).rejects.toMatchObject({ code: "round_already_allocated" });
  });

  it("keeps sessions of a round out of first-come sign-up", async () => {
    const { sessionIds } = await round([5]);
    const p = await participant();
    await expect(signUp(db(), { ...p, sessionId: sessionIds[0]!, now: during, publicUrl: "https://x.org" })).rejects.toMatchObject({ code: "session_allocated_by_wishes" });
  });

  it("opens a round only for sign-up sessions that hold no seat yet, with a fresh published seed", async () => {
    const edition = await getEdition(db(), 2026);
    const { sessionIds } = await round([5]);
    const free = await db()
      .selectFrom("session")
      .where("edition_id", "=", edition.id)
      .where("requires_signup", "=", true)
      .where("wish_round_id", "is", null)
      .select("id")
      .orderBy("starts_at", "desc")
      .execute();
    const [taken, open] = free;
    const p = await participant();
    await signUp(db(), { ...p, sessionId: taken!.id, now: during, publicUrl: "https://x.org" });
    const period = { opensAt: new Date("2026-05-01T00:00:00Z"), closesAt: new Date("2026-05-10T00:00:00Z"), now: new Date("2026-04-30T00:00:00Z") };
    const access = await organiser();
    await expect(openWishRound(db(), access, { sessionIds: [taken!.id], ...period })).rejects.toMatchObject({ code: "session_not_wishable" });
    await expect(openWishRound(db(), access, { sessionIds: [sessionIds[0]!], ...period })).rejects.toMatchObject({ code: "session_not_wishable" });
    await expect(openWishRound(db(), access, { sessionIds: [], ...period })).rejects.toMatchObject({ code: "wish_round_without_sessions" });
    await expect(openWishRound(db(), access, { sessionIds: [open!.id], opensAt: period.closesAt, closesAt: period.opensAt, now: period.opensAt })).rejects.toMatchObject({
      code: "invalid_round_dates",
    });
    const { id, seed } = await openWishRound(db(), access, { sessionIds: [open!.id], ...period });
    expect(seed).toMatch(/^[\w-]{16}$/);
    const listed = (await listWishRounds(db(), access)).find((r) => r.id === id);
    expect(listed?.sessions.map((s) => s.id)).toEqual([open!.id]);
  });

  it("offers for a new round exactly the sessions openWishRound accepts", async () => {
    const access = await organiser();
    // Someone signs up and leaves again: no seat is taken, but the session has a sign-up history.
    const left = await createWorkshop(db(), { day: "2026-07-08", start: "08:00", end: "08:45", capacity: 3, title: "left" });
    const p = await participant();
    await signUp(db(), { ...p, sessionId: left, now: during, publicUrl: "https://x.org" });
    await cancelSignup(db(), { ...p, sessionId: left, now: during, publicUrl });
    const candidates = await wishRoundCandidates(db(), access);
    expect(candidates.map((session) => session.id)).not.toContain(left);
    const period = { opensAt: new Date("2026-05-01T00:00:00Z"), closesAt: new Date("2026-05-10T00:00:00Z"), now: new Date("2026-04-30T00:00:00Z") };
    await expect(openWishRound(db(), access, { sessionIds: [left], ...period })).rejects.toMatchObject({ code: "session_not_wishable" });
    const offered = candidates.map((session) => session.id);
    expect(offered.length).toBeGreaterThan(0);
    await openWishRound(db(), access, { sessionIds: offered, ...period });
    expect(await wishRoundCandidates(db(), access)).toEqual([]);
  });

  it("lets an organiser act only on the edition of their proof", async () => {
    const access = await organiser();
    const otherEdition = await createEdition(db(), { approval: true });
    const person = await createPerson(db());
    const { id: registrationId } = await register(db(), registrationRequest(otherEdition, person));
    const { id: roundId } = await db()
      .insertInto("wish_round")
      .values({ edition_id: otherEdition, opens_at: "2026-05-01T00:00:00Z", closes_at: "2026-05-02T00:00:00Z", seed: "other" })
      .returning("id")
      .executeTakeFirstOrThrow();

    await expect(decideOnRegistration(db(), access, { registrationId, approve: true, now: after, publicUrl })).rejects.toMatchObject({
      code: "registration_not_found",
    });
    await expect(allocateWishes(db(), access, { roundId, now: after, publicUrl })).rejects.toMatchObject({ code: "wish_round_not_found" });
    const registration = await db().selectFrom("registration").where("id", "=", registrationId).select("status").executeTakeFirstOrThrow();
    expect(registration.status).toBe("pending");
    const round = await db().selectFrom("wish_round").where("id", "=", roundId).select("allocated_at").executeTakeFirstOrThrow();
    expect(round.allocated_at).toBeNull();
    expect((await listWishRounds(db(), access)).map((r) => r.id)).not.toContain(roundId);
  });
});
