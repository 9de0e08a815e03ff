import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { bumpContentVersion } from "~/features/site/content-version.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, createWorkshop, registrationRequest, signedInOrganiser } from "~/test/factories";
import { cancelRegistration, decideOnRegistration, register } from "./registration.server";
import { cancelSignup, signUp } from "./signups.server";

const now = new Date("2026-05-10T08:00:00Z");
const publicUrl = "https://rencontres.example.org";

describe.each(databaseKinds)("registration and seat counters on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  const counted = async (editionId: number) => {
    const counter = await db().selectFrom("registration_counter").where("edition_id", "=", editionId).select("confirmed").executeTakeFirstOrThrow();
    const rows = await db()
      .selectFrom("registration")
      .where("edition_id", "=", editionId)
      .where("status", "=", "confirmed")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    return { counter: counter.confirmed, rows: rows.n };
  };
  const seatsCounted = async (sessionId: number) => {
    const counter = await db().selectFrom("session_seat_counter").where("session_id", "=", sessionId).select("confirmed").executeTakeFirstOrThrow();
    const rows = await db()
      .selectFrom("session_signup")
      .where("session_id", "=", sessionId)
      .where("status", "=", "confirmed")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    return { counter: counter.confirmed, rows: rows.n };
  };

  it("counts confirmed registrations whoever writes them: registration, approval, cancellation, promotion, direct writes", async () => {
    const editionId = await createEdition(db(), { capacity: 2 });
    expect(await counted(editionId)).toEqual({ counter: 0, rows: 0 });
    const people = await Promise.all([1, 2, 3].map(() => createPerson(db())));
    const ids = [];
    for (const person of people) ids.push((await register(db(), registrationRequest(editionId, person))).id);
    expect(await counted(editionId)).toEqual({ counter: 2, rows: 2 });
    // The third, waitlisted, takes the place of the first.
    await cancelRegistration(db(), { registrationId: ids[0] ?? 0, personId: people[0]?.id ?? 0, now, publicUrl });
    expect(await counted(editionId)).toEqual({ counter: 2, rows: 2 });
    await db().updateTable("registration").set({ status: "waitlisted" }).where("id", "=", ids[1] ?? 0).execute();
    expect(await counted(editionId)).toEqual({ counter: 1, rows: 1 });
    await db().deleteFrom("registration").where("id", "=", ids[2] ?? 0).execute();
    expect(await counted(editionId)).toEqual({ counter: 0, rows: 0 });

    const withApproval = await createEdition(db(), { approval: true, capacity: 5 });
    const pending = await register(db(), registrationRequest(withApproval, await createPerson(db())));
    expect(await counted(withApproval)).toEqual({ counter: 0, rows: 0 });
    const { year } = await db().selectFrom("edition").where("id", "=", withApproval).select("year").executeTakeFirstOrThrow();
    const { access } = await signedInOrganiser(db(), year);
    await decideOnRegistration(db(), access, { registrationId: pending.id, approve: true, now, publicUrl });
    expect(await counted(withApproval)).toEqual({ counter: 1, rows: 1 });
  });

  it("counts confirmed seats of a session through sign-ups, cancellations and promotions", async () => {
    const edition = await getEdition(db(), 2026);
    const sessionId = await createWorkshop(db(), { start: "07:00", end: "07:45", capacity: 1 });
    const participants = [];
    for (let i = 0; i < 3; i++) {
      const person = await createPerson(db());
      participants.push({ personId: person.id, registrationId: (await register(db(), registrationRequest(edition.id, person))).id });
    }
    for (const p of participants) await signUp(db(), { ...p, sessionId, now, publicUrl: "https://x.org" });
    expect(await seatsCounted(sessionId)).toEqual({ counter: 1, rows: 1 });
    await cancelSignup(db(), { ...participants[0]!, sessionId, now, publicUrl });
    expect(await seatsCounted(sessionId)).toEqual({ counter: 1, rows: 1 });
    // Cancelling a registration frees its seats too.
    await cancelRegistration(db(), { ...participants[1]!, now, publicUrl });
    expect(await seatsCounted(sessionId)).toEqual({ counter: 1, rows: 1 });
    await cancelSignup(db(), { ...participants[2]!, sessionId, now, publicUrl });
    expect(await seatsCounted(sessionId)).toEqual({ counter: 0, rows: 0 });
  });

  it("never overbooks while registrations and cancellations with promotions run at once", async () => {
    const editionId = await createEdition(db(), { capacity: 10 });
    const first = await Promise.all(Array.from({ length: 10 }, () => createPerson(db())));
    const held = [];
    for (const person of first) held.push({ personId: person.id, registrationId: (await register(db(), registrationRequest(editionId, person))).id });
    const waiting = await Promise.all(Array.from({ length: 30 }, () => createPerson(db())));
    await Promise.all([
      ...waiting.map((person) => register(db(), registrationRequest(editionId, person))),
      ...held.slice(0, 5).map((p) => cancelRegistration(db(), { ...p, now, publicUrl })),
    ]);
    expect(await counted(editionId)).toEqual({ counter: 10, rows: 10 });
  });

  it("sends with a confirmation the open sessions as the programme now stands, once its content has changed", async () => {
    const edition = await getEdition(db(), 2026);
    const attachmentOf = async (email: string) => {
      const mail = await db().selectFrom("mail_outbox").where("to_address", "=", email).select("attachments").executeTakeFirstOrThrow();
      return Buffer.from(mail.attachments[0]?.content ?? "", "base64").toString();
    };
    const before = await createPerson(db());
    await register(db(), registrationRequest(edition.id, before));
    expect(await attachmentOf(before.email)).not.toContain("Renamed plenary");
    const plenary = await db()
      .selectFrom("session")
      .where("edition_id", "=", edition.id)
      .where("requires_signup", "=", false)
      .select(["id", "title"])
      .orderBy("starts_at")
      .executeTakeFirstOrThrow();
    await db()
      .updateTable("session")
      .set({ title: JSON.stringify({ fr: "Renamed plenary", en: "Renamed plenary" }) })
      .where("id", "=", plenary.id)
      .execute();
    await bumpContentVersion(db());
    const after = await createPerson(db());
    await register(db(), registrationRequest(edition.id, after));
    expect(await attachmentOf(after.email)).toContain("Renamed plenary");
  });
});
