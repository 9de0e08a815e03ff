import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createWorkshop, registrationRequest } from "~/test/factories";
import { register } from "./registration.server";
import { signUp } from "./signups.server";
import { allocateWishes, drawOrder, listWishRounds, openWishRound, submitWishes } from "./wishes.server";

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

    const allocation = await allocateWishes(db(), { roundId, now: after, publicUrl });
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

  it("accepts wishes only while the round is open, and allocates once, after it closes", async () => {
    const { roundId, sessionIds } = await round([5]);
    const p = await participant();
    await expect(submitWishes(db(), { ...p, roundId, sessionIds, now: after })).rejects.toMatchObject({ code: "conflict" });
    await submitWishes(db(), { ...p, roundId, sessionIds, now: during });
    await expect(allocateWishes(db(), { roundId, now: during, publicUrl })).rejects.toMatchObject({ code: "conflict" });
    await allocateWishes(db(), { roundId, now: after, publicUrl });
    await expect(allocateWishes(db(), { roundId, now: after, publicUrl })).rejects.toMatchObject({ code: "conflict" });
  });

  it("keeps sessions of a round out of first-come sign-up", async () => {
    const { sessionIds } = await round([5]);
    const p = await participant();
    await expect(signUp(db(), { ...p, sessionId: sessionIds[0]!, now: during })).rejects.toMatchObject({ code: "conflict" });
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
    await signUp(db(), { ...p, sessionId: taken!.id, now: during });
    const period = { opensAt: new Date("2026-05-01T00:00:00Z"), closesAt: new Date("2026-05-10T00:00:00Z") };
    await expect(openWishRound(db(), { editionId: edition.id, sessionIds: [taken!.id], ...period })).rejects.toMatchObject({ code: "conflict" });
    await expect(openWishRound(db(), { editionId: edition.id, sessionIds: [sessionIds[0]!], ...period })).rejects.toMatchObject({ code: "conflict" });
    await expect(openWishRound(db(), { editionId: edition.id, sessionIds: [], ...period })).rejects.toMatchObject({ code: "invalid_form" });
    const { id, seed } = await openWishRound(db(), { editionId: edition.id, sessionIds: [open!.id], ...period });
    expect(seed).toMatch(/^[\w-]{16}$/);
    const listed = (await listWishRounds(db(), edition.id)).find((r) => r.id === id);
    expect(listed?.sessions.map((s) => s.id)).toEqual([open!.id]);
  });
});
