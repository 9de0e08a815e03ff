import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createWorkshop, registrationRequest } from "~/test/factories";
import { personalAgenda } from "./agenda.server";
import { register } from "./registration.server";
import { cancelSignup, sessionSeats, signUp } from "./signups.server";

const now = new Date("2026-05-10T08:00:00Z");
const publicUrl = "https://rencontres.example.org";

describe.each(databaseKinds)("workshop sign-up on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  const workshop = (start: string, end: string, capacity: number) => createWorkshop(db(), { start, end, capacity });

  async function participant() {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db());
    const { id } = await register(db(), registrationRequest(edition.id, person));
    return { personId: person.id, registrationId: id, email: person.email };
  }

  it("gives seats while they last, then the waitlist, and hands a freed seat to the next in line", async () => {
    const sessionId = await workshop("09:30", "11:00", 2);
    const people = [await participant(), await participant(), await participant(), await participant()];
    const statuses = [];
    for (const p of people) statuses.push(await signUp(db(), { ...p, sessionId, now, publicUrl: "https://x.org" }));
    expect(statuses).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted"]);
    const [first, , third] = people;
    const { promotedRegistrationId } = await cancelSignup(db(), {
      ...first!,
      sessionId,
      now,
      publicUrl,
    });
    expect(promotedRegistrationId).toBe(third?.registrationId);
    const mails = await db().selectFrom("mail_outbox").where("to_address", "=", third!.email).select("subject").execute();
    expect(mails.map((m) => m.subject)).toContainEqual(expect.stringContaining("Atelier 09:30"));
  });

  it("counts the seats left of a workshop from its seat counter, for a workshop of the edition only", async () => {
    const edition = await getEdition(db(), 2026);
    const sessionId = await workshop("06:00", "06:30", 2);
    expect(await sessionSeats(db(), edition.id, sessionId)).toEqual({ capacity: 2, left: 2, byWishes: false });
    const [first, second, third] = [await participant(), await participant(), await participant()];
    await signUp(db(), { ...first!, sessionId, now, publicUrl: "https://x.org" });
    expect(await sessionSeats(db(), edition.id, sessionId)).toMatchObject({ left: 1 });
    await signUp(db(), { ...second!, sessionId, now, publicUrl: "https://x.org" });
    await signUp(db(), { ...third!, sessionId, now, publicUrl: "https://x.org" });
    // The waitlist takes no seat; a seat given up goes to the next in line, so none is left.
    expect(await sessionSeats(db(), edition.id, sessionId)).toMatchObject({ left: 0 });
    await cancelSignup(db(), { ...first!, sessionId, now, publicUrl });
    expect(await sessionSeats(db(), edition.id, sessionId)).toMatchObject({ left: 0 });
    await cancelSignup(db(), { ...second!, sessionId, now, publicUrl });
    expect(await sessionSeats(db(), edition.id, sessionId)).toMatchObject({ left: 1 });

    // Under another edition's address, or for a session open to all, there are no seats to count.
    const other = await getEdition(db(), 2025);
    expect(await sessionSeats(db(), other.id, sessionId)).toBeUndefined();
    const openToAll = await db().selectFrom("session").where("edition_id", "=", edition.id).where("requires_signup", "=", false).select("id").executeTakeFirstOrThrow();
    expect(await sessionSeats(db(), edition.id, openToAll.id)).toBeUndefined();
  });

  it("says when a workshop's seats are given by ranked wishes", async () => {
    const edition = await getEdition(db(), 2026);
    const round = await db()
      .insertInto("wish_round")
      .values({ edition_id: edition.id, opens_at: "2026-05-01T00:00:00Z", closes_at: "2026-05-15T00:00:00Z", seed: "seats" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const sessionId = await createWorkshop(db(), { start: "06:00", end: "06:30", capacity: 5, wishRoundId: round.id });
    expect(await sessionSeats(db(), edition.id, sessionId)).toEqual({ capacity: 5, left: 5, byWishes: true });
  });

  it("refuses a second session at the same time, and allows one that starts when the first ends", async () => {
    const morning = await workshop("09:30", "11:00", 10);
    const overlapping = await workshop("10:30", "12:00", 10);
    const after = await workshop("11:00", "12:00", 10);
    const p = await participant();
    await signUp(db(), { ...p, sessionId: morning, now, publicUrl: "https://x.org" });
    await expect(signUp(db(), { ...p, sessionId: overlapping, now, publicUrl: "https://x.org" })).rejects.toMatchObject({ code: "session_overlap" });
    await expect(signUp(db(), { ...p, sessionId: after, now, publicUrl: "https://x.org" })).resolves.toBe("confirmed");
  });

  it("puts held seats in the personal agenda instead of the open sessions at the same time", async () => {
    const sessionId = await workshop("14:30", "15:30", 10);
    const p = await participant();
    await signUp(db(), { ...p, sessionId, now, publicUrl: "https://x.org" });
    const agenda = await personalAgenda(db(), p.registrationId);
    const titles = agenda.map((session) => session.title.en);
    expect(titles).toContain("Workshop 14:30");
    expect(titles).not.toContain("“Cafés des Rencontres”");
    expect(titles).toContain("Cocktail lunch");
    expect(titles).not.toContain("Thematic workshops");
  });

  it("lets nobody sign up or cancel with someone else's registration", async () => {
    const sessionId = await workshop("15:30", "17:00", 10);
    const owner = await participant();
    const intruder = await participant();
    await expect(
      signUp(db(), {
        registrationId: owner.registrationId,
        personId: intruder.personId,
        sessionId,
        now,
        publicUrl: "https://x.org",
      }),
    ).rejects.toMatchObject({
      code: "registration_not_found",
    });
    await signUp(db(), { ...owner, sessionId, now, publicUrl: "https://x.org" });
    await expect(
      cancelSignup(db(), {
        registrationId: owner.registrationId,
        personId: intruder.personId,
        sessionId,
        now,
        publicUrl,
      }),
    ).rejects.toMatchObject({ code: "registration_not_found" });
  });

  it("never overbooks under concurrent sign-ups", async () => {
    const sessionId = await workshop("08:00", "09:00", 5);
    const people = await Promise.all(Array.from({ length: 30 }, () => participant()));
    const statuses = await Promise.all(people.map((p) => signUp(db(), { ...p, sessionId, now, publicUrl: "https://x.org" })));
    expect(statuses.filter((s) => s === "confirmed")).toHaveLength(5);
    expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(25);
  });

  it("gives one person one of several sessions at the same time pressed at once, and one seat for a double press", async () => {
    const p = await participant();
    const clashing = await Promise.all(["13:00", "13:15", "13:30", "13:45"].map((start) => workshop(start, "14:15", 10)));
    const outcomes = await Promise.allSettled(clashing.map((sessionId) => signUp(db(), { ...p, sessionId, now, publicUrl: "https://x.org" })));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled").map((outcome) => outcome.value)).toEqual(["confirmed"]);
    expect(outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => outcome.reason.code)).toEqual(
      Array(3).fill("session_overlap"),
    );

    const sessionId = await workshop("16:00", "16:30", 10);
    expect(await Promise.all([1, 2, 3].map(() => signUp(db(), { ...p, sessionId, now, publicUrl: "https://x.org" })))).toEqual(["confirmed", "confirmed", "confirmed"]);
    const held = await db()
      .selectFrom("session_signup")
      .where("registration_id", "=", p.registrationId)
      .where("status", "<>", "cancelled")
      .select("session_id")
      .execute();
    expect(held).toHaveLength(2);
  });

  it("refuses a registration not confirmed, and a session of another edition or none at all", async () => {
    const p = await participant();
    const sessionId = await workshop("17:00", "17:30", 10);
    await db().updateTable("registration").set({ status: "cancelled" }).where("id", "=", p.registrationId).execute();
    await expect(signUp(db(), { ...p, sessionId, now, publicUrl: "https://x.org" })).rejects.toMatchObject({
      code: "registration_not_confirmed",
    });

    const q = await participant();
    const other = await db().selectFrom("edition").where("year", "<>", 2026).select("id").executeTakeFirstOrThrow();
    await db().updateTable("session").set({ edition_id: other.id }).where("id", "=", sessionId).execute();
    await expect(signUp(db(), { ...q, sessionId, now, publicUrl: "https://x.org" })).rejects.toMatchObject({
      code: "session_not_found",
    });
    await expect(signUp(db(), { ...q, sessionId: sessionId + 10_000, now, publicUrl: "https://x.org" })).rejects.toMatchObject({ code: "session_not_found" });
  });
});
